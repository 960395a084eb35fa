namespace Stepwise.Careers.Surveys;

public static class SurveyRules
{
    public const int DefaultMinRespondents = 5;
    public const int DefaultMinForComments = 10;
    public const int LowestThreshold = 3;
    public const int HighestThreshold = 10;
    public const int MaxCommentThreshold = 50;
    public const int LikertMin = 1;
    public const int LikertMax = 5;
    /// <summary>"Agree" and "strongly agree" count as favourable.</summary>
    public const int FavourableFrom = 4;

    /// <summary>The default items, in our own words.</summary>
    public static readonly IReadOnlyList<string> DefaultItems =
    [
        "Management makes its expectations clear",
        "I am offered training or development to further myself professionally",
        "I know what I need to show to reach the next step",
        "My manager gives me useful feedback on how I work",
        "I would recommend my team as a place to work",
    ];

    public static readonly IReadOnlyList<string> Scale = ["Strongly disagree", "Disagree", "Neither", "Agree", "Strongly agree"];
}
