using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Stepwise.Careers.Cycles;
using Stepwise.Data;
using Stepwise.Identity;
using Stepwise.Organization;
using Xunit;

namespace Stepwise.Server.Tests.EndToEnd;

/// <summary>One person walks the demo's spring cycle in the browser: self-assessment, manager assessment and discussion, calibration, finalizing.</summary>
public sealed class CyclePagesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Cycle_WalkedByEmployeeManagerTribeLeadAndHr_EndsInTheNewStep_AndColleaguesStayOut()
    {
        var walk = await PickAsync();

        // The employee: from their step page to the self-assessment.
        var employee = await browser.SignedInPageAsync(walk.PersonEmail);
        await employee.GotoAsync($"/careers/steps/people/{walk.PersonId}");
        await employee.GetByRole(AriaRole.Link, new() { Name = "My assessment" }).ClickAsync();
        await Assertions.Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "My self-assessment" })).ToBeVisibleAsync();
        await Assertions.Expect(employee.GetByText("The manager's assessment stays hidden")).ToBeVisibleAsync();
        await FillAssessmentAsync(employee, "SelfForm", "2");
        await employee.GetByRole(AriaRole.Button, new() { Name = "Submit self-assessment" }).ClickAsync();
        await Assertions.Expect(employee.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await Assertions.Expect(employee.GetByRole(AriaRole.Heading, new() { Name = "Revise my self-assessment" })).ToBeVisibleAsync();

        // A colleague's assessment is closed to them.
        await employee.GotoAsync($"/careers/assessments/{walk.ColleagueAssessmentId}");
        await Assertions.Expect(employee.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only the person");

        // The manager: assessment first (the self-assessment is hidden until then), then the discussion.
        var manager = await browser.SignedInPageAsync(walk.ManagerEmail);
        await manager.GotoAsync($"/careers/assessments/{walk.AssessmentId}");
        await Assertions.Expect(manager.GetByText("The self-assessment stays hidden")).ToBeVisibleAsync();
        await FillAssessmentAsync(manager, "ManagerForm", "2");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Submit manager assessment" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");
        await manager.GetByLabel("Agreed step").SelectOptionAsync("2");
        await manager.GetByLabel("What you agreed and why").FillAsync("We went through each characteristic and agree on step 2.");
        await manager.GetByRole(AriaRole.Button, new() { Name = "Record discussion" }).ClickAsync();
        await Assertions.Expect(manager.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");

        // The tribe lead: the calibration session, a change needs a reason.
        var lead = await browser.SignedInPageAsync(walk.LeadEmail);
        await lead.GotoAsync($"/careers/cycles/{walk.CycleId}/calibration/{walk.TribeId}");
        await Assertions.Expect(lead.Locator("svg[role=img]").First).ToBeVisibleAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Table, new() { Name = "Manager patterns" })).ToBeVisibleAsync();
        var person = lead.GetByLabel("Person", new() { Exact = true });
        await person.SelectOptionAsync(walk.AssessmentId.ToString());
        await lead.GetByLabel("Step", new() { Exact = true }).SelectOptionAsync("1");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Calibrate", Exact = true }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Alert)).ToContainTextAsync("'reason' is required");
        await person.SelectOptionAsync(walk.AssessmentId.ToString());
        await lead.GetByLabel("Step", new() { Exact = true }).SelectOptionAsync("1");
        await lead.GetByLabel("Reason").FillAsync("Works at squad scope only on some characteristics yet.");
        await lead.GetByRole(AriaRole.Button, new() { Name = "Calibrate", Exact = true }).ClickAsync();
        await Assertions.Expect(lead.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved.");

        // HR finalizes after confirming.
        var hr = await browser.SignedInPageAsync("hr@acme.example");
        await hr.GotoAsync($"/careers/cycles/{walk.CycleId}/finalize");
        await hr.GetByLabel("Yes, write the step records now").CheckAsync();
        await hr.GetByRole(AriaRole.Button, new() { Name = "Finalize" }).ClickAsync();
        await Assertions.Expect(hr.GetByRole(AriaRole.Status)).ToContainTextAsync("Finalized");

        // The employee sees the new step and why.
        await employee.GotoAsync($"/careers/steps/people/{walk.PersonId}");
        await Assertions.Expect(employee.GetByText("Current step:")).ToContainTextAsync("1 · Individual");
        await Assertions.Expect(employee.GetByRole(AriaRole.Table, new() { Name = "Step history, newest first" }))
            .ToContainTextAsync("Works at squad scope only on some characteristics yet.");
    }

    private static async Task FillAssessmentAsync(IPage page, string prefix, string step)
    {
        var steps = page.Locator($"select[name^='{prefix}.Ratings']");
        for (var i = 0; i < await steps.CountAsync(); i++) await steps.Nth(i).SelectOptionAsync(step);
        var evidence = page.Locator($"textarea[name^='{prefix}.Ratings']");
        for (var i = 0; i < await evidence.CountAsync(); i++) await evidence.Nth(i).FillAsync("Pairs with others on the hard parts and explains trade-offs.");
        await page.Locator($"select[name='{prefix}.OverallStep']").SelectOptionAsync(step);
    }

    private sealed record Walk(Guid CycleId, Guid TribeId, Guid AssessmentId, Guid PersonId, string PersonEmail, string ManagerEmail, string LeadEmail,
        Guid ColleagueAssessmentId);

    /// <summary>Someone in the demo tribe lead's tribe who has not started, with a manager; accounts for them and their manager.</summary>
    private async Task<Walk> PickAsync()
    {
        await using var scope = browser.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<StepwiseDb>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StepwiseUser>>();
        var cycle = await db.AssessmentCycles.SingleAsync(c => c.State == CycleState.Open);
        var leadAccounts = await db.Users.Where(u => u.PersonId != null).Select(u => new { u.Email, u.PersonId }).ToListAsync();
        var tribes = await db.Memberships.Where(m => m.Role == MembershipRole.Lead && m.To == null)
            .Join(db.Units.Where(u => u.Kind == UnitKind.Tribe), m => m.UnitId, u => u.Id, (m, u) => new { m.PersonId, TribeId = u.Id }).ToListAsync();
        var led = tribes.First(t => leadAccounts.Any(a => a.PersonId == t.PersonId));
        var candidates = await db.CycleParticipants.Where(p => p.CycleId == cycle.Id && p.TribeId == led.TribeId && p.Stage == ParticipantStage.NotStarted
            && p.SelfSubmittedAt == null && p.ManagerSubmittedAt == null && p.ManagerId != null && p.PersonId != led.PersonId).ToListAsync();
        var pick = candidates.First(p => p.ManagerId != led.PersonId);
        var colleague = candidates.First(p => p.Id != pick.Id && p.ManagerId != pick.PersonId);
        return new Walk(cycle.Id, led.TribeId, pick.Id, pick.PersonId, await AccountAsync(db, users, pick.PersonId), await AccountAsync(db, users, pick.ManagerId!.Value),
            leadAccounts.First(a => a.PersonId == led.PersonId).Email!, colleague.Id);
    }

    private static async Task<string> AccountAsync(StepwiseDb db, UserManager<StepwiseUser> users, Guid personId)
    {
        var person = await db.People.SingleAsync(p => p.Id == personId);
        if (await users.Users.FirstOrDefaultAsync(u => u.PersonId == personId) is { } existing) return existing.Email!;
        var user = new StepwiseUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name, PersonId = personId };
        user.PasswordHash = users.PasswordHasher.HashPassword(user, "stepwise-demo");
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        return person.Email;
    }
}
