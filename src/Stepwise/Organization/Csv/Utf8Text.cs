using System.Text;

namespace Stepwise.Organization.Csv;

/// <summary>Strict UTF-8 decoding that says where a file stops being UTF-8, instead of silently substituting characters.</summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out (int Line, int Column) errorAt)
    {
        try
        {
            text = Strict.GetString(bytes);
            errorAt = default;
            return true;
        }
        catch (DecoderFallbackException e)
        {
            text = "";
            errorAt = Locate(bytes, e.Index);
            return false;
        }
    }

    private static (int Line, int Column) Locate(ReadOnlySpan<byte> bytes, int index)
    {
        var start = Math.Max(0, Math.Min(index, bytes.Length));
        var before = bytes[..start];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        return (line, column);
    }
}
