namespace Stepwise.Flags.Conditions;

/// <summary>
/// GrowthBook's version comparison: a version becomes a string whose ordinal order is semver order.
/// A leading "v" and "+build" are dropped; parts split on '.' and '-'; a plain x.y.z gets a "~" part (the
/// highest printable ASCII) so a release sorts after its pre-releases; numeric parts are left-padded with
/// spaces to width 5 so " 9" sorts before "10". Parts are joined with '-'.
/// </summary>
internal static class PaddedVersion
{
    private const int NumberWidth = 5;

    /// <summary>Worst-case formatted length for an input of <paramref name="inputLength"/> characters.</summary>
    public static int MaxLength(int inputLength) => (inputLength * NumberWidth) + 2;

    public static string Format(ReadOnlySpan<char> version)
    {
        Span<char> buffer = version.Length <= 128 ? stackalloc char[MaxLength(version.Length)] : new char[MaxLength(version.Length)];
        return buffer[..Format(version, buffer)].ToString();
    }

    /// <summary>Writes the padded form into <paramref name="destination"/> (at least <see cref="MaxLength"/>).</summary>
    public static int Format(ReadOnlySpan<char> version, Span<char> destination)
    {
        if (version.StartsWith('v'))
        {
            version = version[1..];
        }
        var plus = version.IndexOf('+');
        if (plus >= 0)
        {
            version = version[..plus];
        }
        var written = 0;
        var parts = 0;
        var rest = version;
        while (true)
        {
            var separator = rest.IndexOfAny('.', '-');
            var part = separator < 0 ? rest : rest[..separator];
            if (parts > 0)
            {
                destination[written++] = '-';
            }
            written += WritePart(part, destination[written..]);
            parts++;
            if (separator < 0)
            {
                break;
            }
            rest = rest[(separator + 1)..];
        }
        if (parts == 3)
        {
            destination[written++] = '-';
            destination[written++] = '~';
        }
        return written;
    }

    private static int WritePart(ReadOnlySpan<char> part, Span<char> destination)
    {
        var numeric = !part.IsEmpty && !part.ContainsAnyExceptInRange('0', '9');
        var padding = numeric ? Math.Max(0, NumberWidth - part.Length) : 0;
        destination[..padding].Fill(' ');
        part.CopyTo(destination[padding..]);
        return padding + part.Length;
    }
}
