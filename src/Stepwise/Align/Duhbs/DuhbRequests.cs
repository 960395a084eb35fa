using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Duhbs;

/// <summary>A bet as written in the DUHB. <see cref="Id"/> names an existing bet when editing; without it the bet is new.</summary>
public sealed record BetRequest(Guid? Id, string? Title, HypothesisRequest? Hypothesis, Guid? SquadId);

/// <summary>The whole DUHB, for creating it and for the author's edits (bets that already became features stay as they are).</summary>
public sealed record DuhbRequest(
    string? Title, Guid? UnitId, Guid? PriorityItemId, string? Data, List<DataPoint>? DataPoints, List<string>? Links,
    string? Understanding, List<string>? Hypotheses, List<BetRequest>? Bets);

public sealed record DuhbStateRequest(DuhbState? State);

public sealed record DuhbCommentRequest(string? Text);

/// <summary>Turns a bet into a feature; the key defaults to one made from the bet's title.</summary>
public sealed record ConvertBetRequest(string? Key, string? Name);
