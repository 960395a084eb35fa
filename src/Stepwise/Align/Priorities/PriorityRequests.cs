namespace Stepwise.Align.Priorities;

public sealed record CreateStackRequest(Guid UnitId);

public sealed record AddPriorityRequest(string Title, string? Description, int? Rank, int ExpectedVersion, string Reason);

public sealed record MovePriorityRequest(int ToRank, int ExpectedVersion, string Reason);

public sealed record RetirePriorityRequest(int ExpectedVersion, string Reason);

public sealed record EditPriorityRequest(string Title, string? Description, int ExpectedVersion, string Reason);

public sealed record LinkFeatureRequest(Guid? PriorityItemId);
