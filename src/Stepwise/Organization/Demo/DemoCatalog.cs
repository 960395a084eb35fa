namespace Stepwise.Organization.Demo;

/// <summary>The fixed vocabulary of the demo organization: names, units, disciplines and titles.</summary>
internal static class DemoCatalog
{
    public const string Backend = "backend";
    public const string Frontend = "frontend";
    public const string Mobile = "mobile";
    public const string DataDiscipline = "data";
    public const string Design = "design";
    public const string Qa = "qa";
    public const string AgileCoach = "agile-coach";
    public const string Leadership = "leadership";

    /// <summary>Every discipline with a chapter in each tribe, in the order chapters are created.</summary>
    public static readonly IReadOnlyList<string> Disciplines = [Backend, Frontend, Mobile, DataDiscipline, Design, Qa, AgileCoach];

    public static string DisciplineLabel(string discipline) => discipline switch
    {
        Backend => "Backend",
        Frontend => "Frontend",
        Mobile => "Mobile",
        DataDiscipline => "Data",
        Design => "Design",
        Qa => "QA",
        AgileCoach => "Agile Coaching",
        _ => discipline,
    };

    /// <summary>The job titles of a discipline's individual contributors; a person keeps their variant (iOS or Android, engineer or scientist).</summary>
    public static IReadOnlyList<string> BaseTitles(string discipline) => discipline switch
    {
        Backend => ["Backend Engineer"],
        Frontend => ["Frontend Engineer"],
        Mobile => ["iOS Engineer", "Android Engineer"],
        DataDiscipline => ["Data Engineer", "Data Scientist", "Machine Learning Engineer"],
        Design => ["Product Designer", "UX Researcher"],
        Qa => ["QA Engineer", "Test Automation Engineer"],
        AgileCoach => ["Agile Coach"],
        _ => ["Engineer"],
    };

    /// <summary>IC levels: 0 associate … 4 principal. Agile coaches stop at senior.</summary>
    public static int MaxLevel(string discipline) => discipline == AgileCoach ? 2 : 4;

    public static string IcTitle(string baseTitle, int level) => level switch
    {
        0 => $"Associate {baseTitle}",
        2 => $"Senior {baseTitle}",
        3 => $"Staff {baseTitle}",
        4 => $"Principal {baseTitle}",
        _ => baseTitle,
    };

    public static string ChapterLeadTitle(string discipline) => $"{DisciplineLabel(discipline)} Chapter Lead";

    public const string TribeLeadTitle = "Tribe Lead";
    public const string CtoTitle = "Chief Technology Officer";

    public static readonly IReadOnlyList<string> Locations = ["Stockholm", "London", "New York", "Berlin"];

    public sealed record TribeSpec(string Key, string Name, string Home, IReadOnlyList<string> Squads);

    public static readonly IReadOnlyList<TribeSpec> Tribes =
    [
        new("listener", "Listener Experience", "Stockholm",
            ["Home Feed", "Search", "Playlists", "Lyrics", "Radio", "Social Sharing", "Car & Voice", "Offline Playback"]),
        new("creators", "Artists & Creators", "London",
            ["Artist Profiles", "Upload Pipeline", "Creator Analytics", "Royalties", "Podcast Studio", "Concerts & Merch", "Rights Management"]),
        new("monetization", "Ads & Monetization", "New York",
            ["Subscriptions", "Checkout", "Ads Auction", "Ad Formats", "Family Plans", "Partner Billing", "Growth Experiments"]),
        new("platform", "Platform", "Berlin",
            ["Streaming Core", "Recommendations", "Data Platform", "Identity", "Developer Experience", "Observability", "Edge Delivery", "Mobile Foundations"]),
    ];

    public sealed record GuildSpec(string Key, string Name, IReadOnlyList<string> Disciplines);

    public static readonly IReadOnlyList<GuildSpec> Guilds =
    [
        new("guild-accessibility", "Accessibility Guild", [Frontend, Design, Mobile, Qa]),
        new("guild-security", "Security Guild", [Backend, Mobile, DataDiscipline, Qa]),
        new("guild-machine-learning", "Machine Learning Guild", [DataDiscipline, Backend]),
    ];

    public static readonly IReadOnlyList<(string Key, string Name)> JourneyTeams =
    [
        ("journey-lossless-audio", "Lossless Audio Launch"),
        ("journey-emerging-markets", "Emerging Markets"),
    ];

    public static readonly IReadOnlyList<string> FirstNames =
    [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Elias", "Maja", "Hugo", "Alice", "Oscar", "Ella", "Lucas", "Astrid", "Erik",
        "Saga", "Axel", "Freja", "Filip", "Ingrid", "Gustav", "Linnea", "Nils", "Sofia", "Anton", "Elin", "Viktor", "Klara",
        "Johan", "Amelia", "Harry", "Isla", "George", "Grace", "Jack", "Charlotte", "Thomas", "Eleanor", "James", "Poppy",
        "William", "Evie", "Samuel", "Mia", "Daniel", "Chloe", "Benjamin", "Zoe", "Ethan", "Hannah", "Michael", "Abigail",
        "Matthew", "Madison", "David", "Natalie", "Joseph", "Layla", "Christopher", "Aaliyah", "Marcus", "Jasmine", "Andre",
        "Leonie", "Felix", "Lena", "Maximilian", "Marie", "Paul", "Johanna", "Jonas", "Lea", "Moritz", "Clara", "Tobias",
        "Priya", "Arjun", "Ananya", "Rohan", "Kavya", "Vikram", "Meera", "Rahul", "Wei", "Mei", "Jun", "Hana", "Yuki",
        "Haruto", "Min-jun", "Seo-yeon", "Thanh", "Linh", "Carlos", "Lucia", "Diego", "Valentina", "Mateo", "Camila",
        "Javier", "Isabel", "Pablo", "Elena", "Giulia", "Marco", "Chiara", "Luca", "Francesca", "Amara", "Chinedu", "Ngozi",
        "Kwame", "Abena", "Tariq", "Fatima", "Omar", "Leila", "Yusuf", "Aisha", "Mehmet", "Elif", "Kemal", "Zeynep", "Pierre",
        "Camille", "Julien", "Manon", "Sven", "Karin", "Lars", "Anneli", "Mikael", "Petra", "Rasmus", "Ida", "Jakub",
        "Zuzanna", "Piotr", "Agnieszka", "Dmitri", "Irina", "Andrei", "Oksana", "Sean", "Niamh", "Ciaran", "Aoife",
    ];

    public static readonly IReadOnlyList<string> LastNames =
    [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson",
        "Lindqvist", "Bergström", "Lundgren", "Sandberg", "Holm", "Ekström", "Forsberg", "Nyström", "Smith", "Jones", "Taylor",
        "Brown", "Williams", "Wilson", "Davies", "Evans", "Thomas", "Roberts", "Walker", "Wright", "Robinson", "Thompson",
        "Hughes", "Clarke", "Patel", "Shah", "Khan", "Ahmed", "Johnson", "Miller", "Davis", "Garcia", "Rodriguez", "Martinez",
        "Anderson", "Jackson", "White", "Harris", "Martin", "Lee", "Walsh", "Murphy", "Kelly", "O'Brien", "Byrne", "Müller",
        "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch", "Richter",
        "Wolf", "Neumann", "Zimmermann", "Krüger", "Sharma", "Gupta", "Iyer", "Reddy", "Nair", "Menon", "Chen", "Wang", "Li",
        "Zhang", "Liu", "Huang", "Tanaka", "Sato", "Suzuki", "Nakamura", "Kim", "Park", "Choi", "Nguyen", "Tran", "Pham",
        "Fernández", "López", "González", "Pérez", "Sánchez", "Romero", "Rossi", "Russo", "Bianchi", "Ricci", "Conti",
        "Okafor", "Adeyemi", "Mensah", "Owusu", "Haddad", "Mansour", "Yilmaz", "Demir", "Kaya", "Dubois", "Moreau", "Laurent",
        "Lefebvre", "Kowalski", "Nowak", "Wiśniewski", "Ivanov", "Petrov", "Novak", "Jensen", "Hansen", "Nielsen", "Berg",
        "Haugen", "Virtanen", "Korhonen", "de Vries", "van Dijk", "Janssen", "Silva", "Santos", "Costa", "Oliveira",
    ];

    /// <summary>The local part of a demo email: lowercase ASCII letters, digits, dots and hyphens.</summary>
    public static string EmailPart(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            var folded = c switch
            {
                'å' or 'ä' or 'á' or 'à' or 'â' => "a",
                'ö' or 'ó' or 'ò' or 'ô' or 'ø' => "o",
                'ü' or 'ú' or 'ù' or 'û' => "u",
                'é' or 'è' or 'ê' or 'ë' => "e",
                'í' or 'ì' or 'î' or 'ï' => "i",
                'ñ' or 'ń' => "n",
                'ç' or 'ć' => "c",
                'ś' => "s",
                'ł' => "l",
                'ß' => "ss",
                ' ' => "",
                _ => char.IsAsciiLetterOrDigit(c) || c == '-' ? c.ToString() : "",
            };
            builder.Append(folded);
        }
        return builder.ToString();
    }

    public static string Slug(string name)
    {
        var builder = new System.Text.StringBuilder(name.Length);
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) builder.Append(c);
            else if (builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        return builder.ToString().Trim('-');
    }
}
