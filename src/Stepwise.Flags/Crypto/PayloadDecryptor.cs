using System.Security.Cryptography;
using System.Text;

namespace Stepwise.Flags.Crypto;

/// <summary>
/// Decrypts GrowthBook encrypted payload fields: <c>base64(iv) + "." + base64(ciphertext)</c>, AES-CBC with
/// PKCS#7 padding and a base64 key (128, 192 or 256 bits).
/// </summary>
public static class PayloadDecryptor
{
    /// <summary>Decrypts <paramref name="encrypted"/>; false (never an exception) for any malformed input or wrong key.</summary>
    public static bool TryDecrypt(string? encrypted, string? base64Key, out string plaintext)
    {
        plaintext = "";
        if (string.IsNullOrEmpty(encrypted) || string.IsNullOrEmpty(base64Key))
        {
            return false;
        }
        var dot = encrypted.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }
        try
        {
            var iv = Convert.FromBase64String(encrypted[..dot]);
            var cipherText = Convert.FromBase64String(encrypted[(dot + 1)..]);
            var key = Convert.FromBase64String(base64Key);
            if (iv.Length != 16 || key.Length is not (16 or 24 or 32))
            {
                return false;
            }
            using var aes = Aes.Create();
            aes.Key = key;
            plaintext = Encoding.UTF8.GetString(aes.DecryptCbc(cipherText, iv, PaddingMode.PKCS7));
            return true;
        }
        catch (Exception e) when (e is FormatException or CryptographicException or ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Decrypts <paramref name="encrypted"/>, or returns null when it cannot be decrypted.</summary>
    public static string? Decrypt(string? encrypted, string? base64Key) =>
        TryDecrypt(encrypted, base64Key, out var plaintext) ? plaintext : null;
}
