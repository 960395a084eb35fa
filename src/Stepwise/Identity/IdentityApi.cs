using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;

namespace Stepwise.Identity;

public static class IdentityApi
{
    public const int MaxTokensPerUser = 50;

    public static IEndpointRouteBuilder MapIdentityApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").WithTags("Identity");
        api.MapGet("/me", MeAsync).WithName("GetMe");
        api.MapGet("/tokens", ListTokensAsync).WithName("ListTokens").WithSummary("Your personal access tokens.");
        api.MapPost("/tokens", CreateTokenAsync).WithName("CreateToken").WithSummary("Creates a token; the secret is in this response only.");
        api.MapDelete("/tokens/{id:guid}", RevokeTokenAsync).WithName("RevokeToken");

        var admin = api.MapGroup("/users").RequireAuthorization(Policies.Admin);
        admin.MapGet("/", ListUsersAsync).WithName("ListUsers");
        admin.MapPost("/", UserAdministration.CreateUserAsync).WithName("CreateUser");
        admin.MapPut("/{id:guid}/roles", UserAdministration.SetRolesAsync).WithName("SetUserRoles");
        return routes;
    }

    internal static Guid UserId(ClaimsPrincipal user) => Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!);

    private static async Task<Results<Ok<MeView>, NotFound>> MeAsync(UserManager<StepwiseUser> users, ClaimsPrincipal principal)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null) return TypedResults.NotFound();
        return TypedResults.Ok(new MeView(user.Id, user.Email ?? "", user.DisplayName, user.PersonId, [.. await users.GetRolesAsync(user)]));
    }

    public static async Task<IReadOnlyList<TokenView>> ListTokensAsync(StepwiseDb db, ClaimsPrincipal user, CancellationToken ct)
    {
        var id = UserId(user);
        var tokens = await db.AccessTokens.AsNoTracking().Where(t => t.UserId == id).ToListAsync(ct);
        return [.. tokens.OrderByDescending(t => t.CreatedAt).Select(AsView)];
    }

    public static async Task<Results<Created<CreatedToken>, ValidationProblem>> CreateTokenAsync(
        StepwiseDb db, TimeProvider time, ClaimsPrincipal user, CreateTokenRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("name", request.Name, 100);
        if (request.ExpiresInDays is < 1 or > 366) errors.Add("expiresInDays", "Tokens expire after 1 to 366 days (omit for no expiry).");
        var id = UserId(user);
        if (await db.AccessTokens.CountAsync(t => t.UserId == id && t.RevokedAt == null, ct) >= MaxTokensPerUser)
            errors.Add("name", $"You already have {MaxTokensPerUser} active tokens; revoke one first.");
        if (errors.Any) return errors.ToProblem();
        var now = time.GetUtcNow();
        var secret = PersonalAccessToken.NewSecret();
        var token = new PersonalAccessToken
        {
            Id = Guid.CreateVersion7(now), UserId = id, Name = request.Name.Trim(), Hash = PersonalAccessToken.HashSecret(secret),
            Hint = secret[..10], CreatedAt = now, ExpiresAt = request.ExpiresInDays is { } days ? now.AddDays(days) : null,
        };
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedToken(AsView(token), secret));
    }

    public static async Task<Results<NoContent, NotFound>> RevokeTokenAsync(StepwiseDb db, TimeProvider time, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var owner = UserId(user);
        var token = await db.AccessTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == owner, ct);
        if (token is null) return TypedResults.NotFound();
        token.RevokedAt ??= time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<Organization.Page<UserView>>, ValidationProblem>> ListUsersAsync(StepwiseDb db, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var (p, size) = Paging.Read(page, pageSize, errors);
        if (errors.Any) return errors.ToProblem();
        var total = await db.Users.CountAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).Skip((p - 1) * size).Take(size).ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await db.UserRoles.Where(r => ids.Contains(r.UserId)).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var byUser = roles.ToLookup(r => r.UserId, r => r.Name ?? "");
        return TypedResults.Ok(new Organization.Page<UserView>(
            [.. users.Select(u => new UserView(u.Id, u.Email ?? "", u.DisplayName, u.PersonId, [.. byUser[u.Id].Order()], u.MustChangePassword))], p, size, total));
    }

    internal static TokenView AsView(PersonalAccessToken t) => new(t.Id, t.Name, t.Hint, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt);
}
