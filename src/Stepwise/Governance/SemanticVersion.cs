using System.Globalization;
using Stepwise.Governance.Model;

namespace Stepwise.Governance;

/// <summary>A published version number. The publisher picks the kind of change; the number follows from it.</summary>
public readonly record struct SemanticVersion(int Major, int Minor, int Patch) : IComparable<SemanticVersion>
{
    public static readonly SemanticVersion First = new(1, 0, 0);

    /// <summary>The number after <paramref name="latest"/> (1.0.0 for a document never published).</summary>
    public static SemanticVersion Next(SemanticVersion? latest, VersionBump bump) => latest is not { } v ? First : bump switch
    {
        VersionBump.Major => new(v.Major + 1, 0, 0),
        VersionBump.Minor => new(v.Major, v.Minor + 1, 0),
        _ => new(v.Major, v.Minor, v.Patch + 1),
    };

    public static bool TryParse(string? text, out SemanticVersion version)
    {
        version = default;
        var parts = (text ?? "").TrimStart('v').Split('.');
        if (parts.Length != 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i])) return false;
        version = new(numbers[0], numbers[1], numbers[2]);
        return true;
    }

    public int CompareTo(SemanticVersion other) =>
        Major != other.Major ? Major.CompareTo(other.Major) : Minor != other.Minor ? Minor.CompareTo(other.Minor) : Patch.CompareTo(other.Patch);

    public static bool operator <(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) < 0;
    public static bool operator >(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) > 0;
    public static bool operator <=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) <= 0;
    public static bool operator >=(SemanticVersion a, SemanticVersion b) => a.CompareTo(b) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
}
