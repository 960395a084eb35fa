using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Stepwise.Data;

namespace Stepwise.Identity;

/// <summary>Signs in API and CLI calls that carry <c>Authorization: Bearer swp_…</c> as the token's owner, with the owner's roles.</summary>
public sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    StepwiseDb db, SignInManager<StepwiseUser> signIn, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AccessToken";

    /// <summary>Last-used times are kept to the minute, so a busy script does not write on every call.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(PersonalAccessToken.SecretPrefix, StringComparison.Ordinal))
            return AuthenticateResult.Fail("Not a Stepwise personal access token.");
        var hash = PersonalAccessToken.HashSecret(secret);
        var now = time.GetUtcNow();
        var token = await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, Context.RequestAborted);
        if (token is null || !token.IsUsableAt(now)) return AuthenticateResult.Fail("The token is unknown, revoked or expired.");
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || (user.LockoutEnd is { } lockout && lockout > now)) return AuthenticateResult.Fail("The token's account is disabled.");
        if (token.LastUsedAt is null || now - token.LastUsedAt > LastUsedResolution)
            await db.AccessTokens.Where(t => t.Id == token.Id).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), Context.RequestAborted);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }
}
