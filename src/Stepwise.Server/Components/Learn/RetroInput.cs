namespace Stepwise.Server.Components.Learn;

/// <summary>The new-retrospective form as typed; the service validates it.</summary>
public sealed class RetroInput
{
    public string? Title { get; set; }
    public string SubjectKind { get; set; } = "project";
    public string? SubjectRef { get; set; }
    public string? OwnerUnitId { get; set; }
    public string Outcome { get; set; } = "mixed";
    public string? HeldOn { get; set; }
    public string? Tags { get; set; }
    public bool IsPrivate { get; set; }
    public string? Summary { get; set; }
}

public sealed class NoteInput
{
    public string Kind { get; set; } = "wentWell";
    public string? Text { get; set; }
    public bool Anonymous { get; set; } = true;
}

public sealed class GroupInput
{
    public string? Note { get; set; }
    public string? Group { get; set; }
}

public sealed class LessonInput
{
    public string Source { get; set; } = "process";
    public string? Text { get; set; }
}

public sealed class ActionInput
{
    public string? Text { get; set; }
    public string? Owner { get; set; }
    public string? DueOn { get; set; }
}

public sealed class DecisionInput
{
    public string? On { get; set; }
    public string? Decided { get; set; }
    public string? InformedBy { get; set; }
    public string? Result { get; set; }
}

public sealed class FailPostInput
{
    public string? WhatFailed { get; set; }
    public string? WhatWeLearned { get; set; }
}
