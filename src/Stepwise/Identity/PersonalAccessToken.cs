using System.Security.Cryptography;
using System.Text;

namespace Stepwise.Identity;

/// <summary>A bearer token for the API and CLI. Only a SHA-256 hash is stored; the secret is shown once at creation.</summary>
public sealed class PersonalAccessToken
{
    public const string SecretPrefix = "swp_";

    public Guid Id { get; init; }
    public Guid UserId { get; init; }
    public required string Name { get; init; }
    public required string Hash { get; init; }
    /// <summary>The first characters of the secret, so people can tell their tokens apart.</summary>
    public required string Hint { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is null || ExpiresAt > now);

    public static string NewSecret() =>
        SecretPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string HashSecret(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
