using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;

namespace Stepwise.Identity;

/// <summary>Accounts and their organization-wide roles, managed by administrators.</summary>
public static class UserAdministration
{
    public static async Task<Results<Created<UserView>, ValidationProblem>> CreateUserAsync(
        UserManager<StepwiseUser> users, StepwiseDb db, CreateUserRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("email", request.Email, 320).Require("displayName", request.DisplayName, 200).Require("password", request.Password, 200);
        CheckRoles(request.Roles ?? [], errors);
        if (request.PersonId is { } pid && !await db.People.AnyAsync(p => p.Id == pid, ct)) errors.Add("personId", "No such person.");
        if (errors.Any) return errors.ToProblem();
        var user = new StepwiseUser
        {
            UserName = request.Email.Trim(), Email = request.Email.Trim(), EmailConfirmed = true, DisplayName = request.DisplayName.Trim(),
            PersonId = request.PersonId, MustChangePassword = true,
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded) return ToProblem(created);
        if (request.Roles is { Count: > 0 } roles) await users.AddToRolesAsync(user, roles.Distinct());
        return TypedResults.Created($"/api/users/{user.Id}", new UserView(user.Id, user.Email, user.DisplayName, user.PersonId, [.. request.Roles ?? []], true));
    }

    public static async Task<Results<Ok<UserView>, NotFound, ValidationProblem>> SetRolesAsync(
        UserManager<StepwiseUser> users, System.Security.Claims.ClaimsPrincipal principal, Guid id, UpdateUserRolesRequest request)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null) return TypedResults.NotFound();
        var errors = new FieldErrors();
        CheckRoles(request.Roles ?? [], errors);
        var wanted = (request.Roles ?? []).Distinct().ToList();
        if (IdentityApi.UserId(principal) == id && !wanted.Contains(Roles.Admin))
            errors.Add("roles", "You cannot remove your own Admin role; ask another administrator.");
        if (errors.Any) return errors.ToProblem();
        var current = await users.GetRolesAsync(user);
        await users.RemoveFromRolesAsync(user, current.Except(wanted));
        await users.AddToRolesAsync(user, wanted.Except(current));
        return TypedResults.Ok(new UserView(user.Id, user.Email ?? "", user.DisplayName, user.PersonId, wanted, user.MustChangePassword));
    }

    private static void CheckRoles(IEnumerable<string> roles, FieldErrors errors)
    {
        foreach (var role in roles.Where(r => !Roles.All.Contains(r)))
            errors.Add("roles", $"Unknown role '{role}'. Roles: {string.Join(", ", Roles.All)}.");
    }

    private static ValidationProblem ToProblem(IdentityResult result)
    {
        var errors = new FieldErrors();
        foreach (var e in result.Errors)
            errors.Add(e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : "user", e.Description);
        return errors.ToProblem();
    }
}
