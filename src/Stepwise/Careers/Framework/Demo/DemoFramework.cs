using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Governance;
using Stepwise.Governance.Model;
using Stepwise.Identity;
using Stepwise.Organization.Demo;

namespace Stepwise.Careers.Framework.Demo;

/// <summary>
/// Seeds the framework's governed history once, through the same services people use: version 1.0.0 (the shipped
/// default), 1.1.0 with a pair edit and an approved suggestion, and a draft with open suggestions (one still
/// waiting for a second approval) and a working-group review round with a comment thread.
/// </summary>
public sealed class DemoFramework(StepwiseDb db, FrameworkCatalog catalog, DraftEditing editing, Publishing publishing, ReviewRounds rounds, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        await catalog.EnsureDefaultAsync(ct);
        var document = await db.GovernedDocuments.FirstAsync(d => d.Kind == FrameworkSections.Kind && d.Key == CareerFramework.DefaultKey, ct);
        if (await db.DocumentVersions.CountAsync(v => v.DocumentId == document.Id, ct) > 1) return;

        var hr = await PrincipalAsync(DemoOrganization.HrEmail, Roles.HR, ct);
        var tribeLead = await PersonPrincipalAsync(DemoCatalog.TribeLeadTitle, ct);
        var chapterLead = await PersonPrincipalAsync(null, ct, titleEndsWith: "Chapter Lead");
        var individual = await PersonPrincipalAsync(null, ct, excludeLeads: true);
        if (hr is null || tribeLead is null || chapterLead is null || individual is null) return;
        document.EditorPersonIds = [.. new[] { tribeLead, chapterLead, individual }.Select(p => Guid.Parse(p.FindFirstValue(StepwiseClaims.PersonId)!))];
        await db.SaveChangesAsync(ct);

        // 1.1.0: clarifications, one written as a pair and one approved by two colleagues.
        var draft = (await editing.ForkAsync(hr, document.Id, new ForkDraftRequest(null), ct)).Value!;
        await editing.PairEditAsync(chapterLead, draft.Id, new PairEditRequest("impact.1", Cell(draft.Id, "impact.1",
            "You turn well-understood tasks into working, shipped results. You know why a task matters to the user and check, once it is live, that it did what it was meant to do."),
            Guid.Parse(tribeLead.FindFirstValue(StepwiseClaims.PersonId)!), "Make clear that checking the result is part of the task."), ct);
        var clarified = (await editing.SuggestAsync(individual, draft.Id, new SuggestionRequest("collaboration.2", Cell(draft.Id, "collaboration.2",
            "You make your squad and chapter work well together. You help the group reach decisions, bring quiet voices in and work closely with neighbouring roles such as design, product, data and quality."),
            "Quality engineers were missing from the list of neighbouring roles."), ct)).Value!;
        await editing.ApproveAsync(chapterLead, clarified.Id, ct);
        await editing.ApproveAsync(tribeLead, clarified.Id, ct);
        await editing.ApplyAsync(individual, clarified.Id, ct);
        await publishing.PublishAsync(hr, draft.Id, new PublishRequest(VersionBump.Minor, "Clarified two cells; no new expectations."), ct);

        // The next draft, in progress.
        var next = (await editing.ForkAsync(hr, document.Id, new ForkDraftRequest(null), ct)).Value!;
        var growth = (await editing.SuggestAsync(tribeLead, next.Id, new SuggestionRequest("growth.3", Cell(next.Id, "growth.3",
            "You grow people across a tribe or guild. You build learning paths, spot and sponsor talent, help others take on bigger responsibilities and make sure the opportunities you create reach everyone, not only the people you already know."),
            "Sponsorship should be fair, not only generous."), ct)).Value!;
        await editing.ApproveAsync(chapterLead, growth.Id, ct);
        var ownership = (await editing.SuggestAsync(chapterLead, next.Id, new SuggestionRequest("ownership.2", Cell(next.Id, "ownership.2",
            "You take responsibility for the health of your squad's systems and commitments, including their cost. You make sure incidents are handled, follow-ups are done and nothing important falls between people."),
            "Running cost is part of a system's health."), ct)).Value!;
        await editing.ApproveAsync(individual, ownership.Id, ct);
        await editing.SuggestAsync(individual, next.Id, new SuggestionRequest("mastery.data", Cell(next.Id, "mastery.data",
            "Turning data into trustworthy answers and products: pipelines, models and analyses that people can rely on. Mastery shows in clean, documented data with clear ownership and privacy built in, in sound statistical judgement, and in explaining findings, and their uncertainty, to people who are not specialists."),
            "Privacy belongs in the definition of good data work."), ct);

        var now = time.GetUtcNow();
        var round = (await rounds.OpenAsync(hr, next.Id, new ReviewRoundRequest(ReviewAudience.WorkingGroup, now.AddDays(-2), now.AddDays(12),
            "First look by the working group before managers are asked."), ct)).Value!;
        var question = (await rounds.CommentAsync(individual, round.Id, new CommentRequest("growth.3",
            "How would we notice that opportunities are not reaching everyone? An example would help.", null), ct)).Value!;
        await rounds.CommentAsync(tribeLead, round.Id, new CommentRequest("growth.3",
            "Good point: for example, looking at who led visible projects over a year. I will add it as an example.", question.Id), ct);
        await rounds.CommentAsync(chapterLead, round.Id, new CommentRequest("impact.4",
            "Step 4 reads as if only leaders can reach it. Could we add an example from someone without reports?", null), ct);
    }

    private string Cell(Guid versionId, string sectionId, string expected)
    {
        var current = db.DocumentVersions.AsNoTracking().First(v => v.Id == versionId).Section(sectionId)!.Text;
        if (!char.IsDigit(sectionId[^1])) return expected; // a mastery definition, not a cell
        var cell = FrameworkSections.ParseCell(0, current);
        return FrameworkSections.CellText(cell with { Expected = expected });
    }

    private async Task<ClaimsPrincipal?> PrincipalAsync(string email, string role, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Email == email, ct);
        return user is null ? null : Principal(user.Id, user.DisplayName, null, role);
    }

    /// <summary>A demo account linked to a person: the tribe lead, a chapter lead, or an individual contributor.</summary>
    private async Task<ClaimsPrincipal?> PersonPrincipalAsync(string? title, CancellationToken ct, string? titleEndsWith = null, bool excludeLeads = false)
    {
        var accounts = await db.Users.AsNoTracking().Where(u => u.PersonId != null)
            .Join(db.People.AsNoTracking(), u => u.PersonId, p => p.Id, (u, p) => new { u.Id, p.Name, PersonId = p.Id, p.Title }).ToListAsync(ct);
        var match = accounts.FirstOrDefault(a => title is not null ? a.Title == title
            : titleEndsWith is not null ? a.Title.EndsWith(titleEndsWith, StringComparison.Ordinal)
            : excludeLeads && !a.Title.Contains("Lead", StringComparison.Ordinal));
        return match is null ? null : Principal(match.Id, match.Name, match.PersonId, null);
    }

    private static ClaimsPrincipal Principal(Guid userId, string name, Guid? personId, string? role)
    {
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId.ToString()), new("name", name) };
        if (personId is { } p) claims.Add(new(StepwiseClaims.PersonId, p.ToString()));
        if (role is not null) claims.Add(new(ClaimTypes.Role, role));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, "demo"));
    }
}
