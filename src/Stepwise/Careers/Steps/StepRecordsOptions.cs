namespace Stepwise.Careers.Steps;

/// <summary>Settings under <c>Careers:Steps</c>.</summary>
public sealed class StepRecordsOptions
{
    public const string Section = "Careers:Steps";

    /// <summary>Days a new hire may go without a step before the data-quality report lists them.</summary>
    public int OnboardingWindowDays { get; set; } = 90;

    /// <summary>People hired within this many days count as new hires; earlier hires without a step are "never assigned".</summary>
    public int NewHireHorizonDays { get; set; } = 365;

    /// <summary>The highest step; frameworks with more steps raise it.</summary>
    public int MaxLevel { get; set; } = StepLevels.Max;

    /// <summary>URLs that receive a JSON POST for every change to a step record.</summary>
    public List<string> WebhookUrls { get; set; } = [];

    public int WebhookMaxAttempts { get; set; } = 8;

    /// <summary>The first retry waits this long; each further retry doubles it.</summary>
    public TimeSpan WebhookBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan WebhookPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
