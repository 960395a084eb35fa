namespace Stepwise.Identity;

public sealed record CreateTokenRequest(string Name, int? ExpiresInDays);
public sealed record TokenView(Guid Id, string Name, string Hint, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
/// <summary>Returned once at creation: <see cref="Secret"/> is never shown again.</summary>
public sealed record CreatedToken(TokenView Token, string Secret);
public sealed record CreateUserRequest(string Email, string DisplayName, string Password, IReadOnlyList<string>? Roles, Guid? PersonId);
public sealed record UpdateUserRolesRequest(IReadOnlyList<string> Roles);
public sealed record UserView(Guid Id, string Email, string DisplayName, Guid? PersonId, IReadOnlyList<string> Roles, bool MustChangePassword);
public sealed record MeView(Guid Id, string Email, string DisplayName, Guid? PersonId, IReadOnlyList<string> Roles);
