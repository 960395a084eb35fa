using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Learn.Model;

namespace Stepwise.Learn.Feed;

/// <summary>
/// Feed readers cannot sign in, so each user gets a secret feed URL. The secret is shown once when created (and again on
/// rotation); the database keeps only its SHA-256, like personal access tokens. Rotating it invalidates the old URL.
/// </summary>
public sealed class FeedTokens(StepwiseDb db, TimeProvider time)
{
    public const string Prefix = "swf_";

    public async Task<string> RotateAsync(Guid userId, CancellationToken ct)
    {
        var secret = Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var existing = await db.LearnFeedTokens.FirstOrDefaultAsync(t => t.UserId == userId, ct);
        if (existing is null) db.LearnFeedTokens.Add(new FeedToken { UserId = userId, Hash = Hash(secret), CreatedAt = time.GetUtcNow() });
        else
        {
            existing.Hash = Hash(secret);
            existing.CreatedAt = time.GetUtcNow();
        }
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<bool> HasTokenAsync(Guid userId, CancellationToken ct) => await db.LearnFeedTokens.AnyAsync(t => t.UserId == userId, ct);

    public async Task<Guid?> UserForAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 100) return null;
        var hash = Hash(secret);
        return await db.LearnFeedTokens.AsNoTracking().Where(t => t.Hash == hash).Select(t => (Guid?)t.UserId).FirstOrDefaultAsync(ct);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
