namespace Stepwise.Learn.Model;

/// <summary>A short public note on a team's Fail Wall: what failed and what the team took from it.</summary>
public sealed class FailPost
{
    public Guid Id { get; set; }
    public Guid UnitId { get; set; }
    public required string WhatFailed { get; set; }
    public required string WhatWeLearned { get; set; }
    public Guid? AuthorUserId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Reactions celebrate the learning, never the failure; so there is no "sad" one.</summary>
public enum ReactionKind
{
    Applause,
    Lightbulb,
    Thanks,
}

public sealed class FailReaction
{
    public Guid PostId { get; set; }
    public Guid UserId { get; set; }
    public ReactionKind Kind { get; set; }
}
