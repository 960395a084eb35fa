using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Identity;

namespace Stepwise.Organization.Demo;

/// <summary>A demo sign-in to print at start-up.</summary>
public sealed record DemoAccount(string Email, string Password, string Description);

/// <summary><paramref name="Seeded"/> is false when the demo organization was already there and nothing was written.</summary>
public sealed record DemoSeedResult(bool Seeded, IReadOnlyList<DemoAccount> Accounts);

/// <summary>
/// Seeds the demo organization for <c>--demo</c>: Acme Music, a music-streaming company organized in tribes, squads,
/// chapters, guilds and journey teams, about 400 people, and two years of history up to today.
/// </summary>
/// <remarks>
/// <para><b>Idempotent.</b> When the unit <c>acme</c> exists, the organization is left alone (one indexed query) and only
/// missing demo accounts are added back, so a second start is fast and never duplicates anything.</para>
/// <para><b>Deterministic.</b> All of it comes from <c>new Random(20261123)</c>, ids included, with dates drawn as offsets
/// from today (<see cref="TimeProvider"/>): the same today gives the same rows.</para>
/// <para><b>Accounts</b> use the fixed password <see cref="Password"/>, which is only acceptable because this runs in demo mode.
/// <c>admin@acme.example</c> (Admin) and <c>hr@acme.example</c> (HR) are service accounts not linked to a person, so their
/// access comes from their role alone; the tribe lead, chapter lead and individual contributor sign in with their own
/// email, are linked to their person and have no role: what they may see follows from the org model.</para>
/// <para>The organization is written in bulk, in one transaction with an audit entry per row; its rows are never tracked.</para>
/// </remarks>
public sealed class DemoOrganization(StepwiseDb db, TimeProvider time, IAuditActor actor, UserManager<StepwiseUser> users, RoleManager<StepwiseRole> roles)
{
    public const string CompanyKey = DemoHistory.CompanyKey;
    public const string Password = "stepwise-demo";
    public const string AdminEmail = "admin@" + DemoHistory.EmailDomain;
    public const string HrEmail = "hr@" + DemoHistory.EmailDomain;

    public async Task<DemoSeedResult> SeedAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var seeded = false;
        DemoHistory history;
        if (await db.Units.AnyAsync(u => u.Key == CompanyKey, ct))
        {
            history = DemoHistory.Plan(today, now);
        }
        else
        {
            history = DemoHistory.Build(today, now);
            await SaveAsync(history, ct);
            seeded = true;
        }
        await EnsureRolesAsync();
        var accounts = await EnsureAccountsAsync(history, ct);
        return new DemoSeedResult(seeded, accounts);
    }

    // Written in bulk with an audit entry per row, like a CSV import (see OrgImportWriter): through SaveChanges these few
    // thousand rows took most of the first start.
    private async Task SaveAsync(DemoHistory history, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var at = time.GetUtcNow();
        await db.InsertAuditedAsync(history.Units, actor, at, ct); // drawn parents first
        await db.InsertAuditedAsync(history.People, actor, at, ct);
        await db.InsertAuditedAsync(history.Memberships, actor, at, ct);
        await db.InsertAuditedAsync(history.ReportingLines, actor, at, ct);
        await db.InsertAuditedAsync(history.Transitions, actor, at, ct);
        await transaction.CommitAsync(ct);
    }

    private async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
                Check(await roles.CreateAsync(new StepwiseRole(role)), role);
        }
    }

    private async Task<IReadOnlyList<DemoAccount>> EnsureAccountsAsync(DemoHistory history, CancellationToken ct)
    {
        var wanted = new (string Email, string DisplayName, string? Role, Person? Person, string Description)[]
        {
            (AdminEmail, "Demo Administrator", Roles.Admin, null, "Administrator (Admin role, not linked to a person)"),
            (HrEmail, "Demo HR", Roles.HR, null, "HR (HR role, not linked to a person)"),
            (history.DemoTribeLead.Email, history.DemoTribeLead.Name, null, history.DemoTribeLead, $"Tribe lead: {history.DemoTribeLead.Name}"),
            (history.DemoChapterLead.Email, history.DemoChapterLead.Name, null, history.DemoChapterLead, $"Chapter lead: {history.DemoChapterLead.Name}"),
            (history.DemoIndividual.Email, history.DemoIndividual.Name, null, history.DemoIndividual, $"Individual contributor: {history.DemoIndividual.Name}"),
        };
        var accounts = new List<DemoAccount>(wanted.Length);
        foreach (var (email, displayName, role, person, description) in wanted)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                // Linked by email so that a second start (or renamed ids) still finds the right person.
                Guid? personId = person is null ? null : await db.People.Where(p => p.Email == person.Email).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
                var user = new StepwiseUser
                {
                    UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, PersonId = personId, MustChangePassword = false,
                };
                // Hashed directly: the fixed demo password is meant for demo mode and need not meet the production password policy.
                user.PasswordHash = users.PasswordHasher.HashPassword(user, Password);
                Check(await users.CreateAsync(user), email);
                if (role is not null) Check(await users.AddToRoleAsync(user, role), email);
            }
            accounts.Add(new DemoAccount(email, Password, description));
        }
        return accounts;
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
            throw new InvalidOperationException($"Could not create demo {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
    }
}
