using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Stepwise.Data;
using Stepwise.Identity;

namespace Stepwise.Server.Hosting;

/// <summary>What a fresh installation needs before anyone can sign in: the roles, and one administrator.</summary>
public sealed class FirstRun(UserManager<StepwiseUser> users, RoleManager<StepwiseRole> roles, IConfiguration configuration, ILogger<FirstRun> log)
{
    public const string AdminEmailKey = "STEPWISE_ADMIN_EMAIL";
    public const string AdminPasswordKey = "STEPWISE_ADMIN_PASSWORD";

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new StepwiseRole(role));
    }

    /// <summary>Creates the first administrator when there is no account at all. The password comes from
    /// <c>STEPWISE_ADMIN_PASSWORD</c>, or is generated, printed once, and must be changed at first sign-in.</summary>
    public async Task EnsureAdministratorAsync(TextWriter console)
    {
        if (users.Users.Any()) return;
        var email = configuration[AdminEmailKey] is { Length: > 0 } configured ? configured : "admin@stepwise.local";
        var password = configuration[AdminPasswordKey];
        var generated = string.IsNullOrEmpty(password);
        if (generated) password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', 'x').Replace('+', 'y');
        var admin = new StepwiseUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Administrator", MustChangePassword = generated,
        };
        var result = await users.CreateAsync(admin, password!);
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create the first administrator: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(admin, Roles.Admin);
        log.LogInformation("Created the first administrator {Email}", email);
        if (generated)
        {
            await console.WriteLineAsync($"""

                  First administrator created: {email}
                  One-time password:           {password}
                  (shown only now; you will be asked to choose a new password at first sign-in)

                """);
        }
    }
}
