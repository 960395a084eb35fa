namespace Stepwise.Flags.Evaluation;

/// <summary>Why an evaluation fell back to a default (aligned with OpenFeature error codes).</summary>
public enum EvaluationErrorCode
{
    /// <summary>No error.</summary>
    None,

    /// <summary>The feature is not in the payload.</summary>
    FlagNotFound,

    /// <summary>The payload, feature, rule or condition is malformed; its rules are not applied.</summary>
    ParseError,

    /// <summary>The attributes are not a JSON object.</summary>
    InvalidContext,

    /// <summary>An unexpected failure inside the engine (a bug): the default value is served.</summary>
    General,
}
