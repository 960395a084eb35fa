using System.Buffers;
using System.Text;

namespace Stepwise.Cli;

/// <summary>Strict UTF-8 decoding that reports where the first invalid byte sits.</summary>
internal static class StrictUtf8
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The position of an invalid byte sequence: 1-based line and column, 0-based byte offset.</summary>
    internal readonly record struct InvalidPosition(int Line, int Column, long ByteOffset, byte Byte);

    /// <summary>
    /// Decodes <paramref name="bytes"/>; a leading byte-order mark is dropped. Returns false with the
    /// position of the first invalid sequence when the bytes are not valid UTF-8.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out InvalidPosition invalid)
    {
        var body = bytes.StartsWith(Utf8Bom) ? bytes[Utf8Bom.Length..] : bytes;
        try
        {
            text = Strict.GetString(body);
            invalid = default;
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = string.Empty;
            invalid = Locate(bytes);
            return false;
        }
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Finds the first invalid sequence. Lines are counted by '\n'; the column counts characters
    /// (Unicode scalar values) from the start of the line, so it matches what an editor shows.
    /// </summary>
    internal static InvalidPosition Locate(ReadOnlySpan<byte> bytes)
    {
        var line = 1;
        var column = 1;
        var offset = bytes.StartsWith(Utf8Bom) ? Utf8Bom.Length : 0;
        while (offset < bytes.Length)
        {
            var status = Rune.DecodeFromUtf8(bytes[offset..], out var rune, out var consumed);
            if (status != OperationStatus.Done)
            {
                return new InvalidPosition(line, column, offset, bytes[offset]);
            }

            if (rune.Value == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }

            offset += consumed;
        }

        // The decoder rejected something the scan accepted; report the end of the input.
        return new InvalidPosition(line, column, bytes.Length, 0);
    }
}
