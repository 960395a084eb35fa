using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Careers.Framework.Files;
using Stepwise.Data;
using Stepwise.Governance;
using Stepwise.Governance.Model;

namespace Stepwise.Careers.Framework;

/// <summary>
/// Career frameworks as governed documents: listing, reading a version (published for everyone; drafts through
/// governance's rules), the mastery view per discipline, import and export.
/// </summary>
public sealed class FrameworkCatalog(StepwiseDb db, GovernanceReader governance, DraftEditing drafts, Publishing publishing, TimeProvider time)
{
    public async Task<IReadOnlyList<FrameworkSummary>> ListAsync(CancellationToken ct)
    {
        var documents = await db.GovernedDocuments.AsNoTracking().Where(d => d.Kind == FrameworkSections.Kind).ToListAsync(ct);
        var ids = documents.Select(d => d.Id).ToList();
        var versions = (await db.DocumentVersions.AsNoTracking().Where(v => ids.Contains(v.DocumentId))
            .Select(v => new { v.Id, v.DocumentId, v.State, v.Major, v.Minor, v.Patch }).ToListAsync(ct)).ToLookup(v => v.DocumentId);
        return [.. documents.OrderBy(d => d.Key == CareerFramework.DefaultKey ? 0 : 1).ThenBy(d => d.Key).Select(d =>
        {
            var latest = versions[d.Id].Where(v => v.State == VersionState.Published).MaxBy(v => new SemanticVersion(v.Major, v.Minor, v.Patch));
            return new FrameworkSummary(d.Id, d.Key, d.Title, latest is null ? null : new SemanticVersion(latest.Major, latest.Minor, latest.Patch).ToString(),
                latest?.Id, versions[d.Id].FirstOrDefault(v => v.State == VersionState.Draft)?.Id);
        })];
    }

    /// <summary>A version by number ("1.1.0"), "draft", or the latest published when <paramref name="version"/> is empty.</summary>
    public async Task<Outcome<FrameworkView>> GetAsync(ClaimsPrincipal user, string key, string? version, CancellationToken ct)
    {
        var documentId = await db.GovernedDocuments.Where(d => d.Kind == FrameworkSections.Kind && d.Key == key).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(ct);
        if (documentId is null) return Outcome<FrameworkView>.NotFound($"No framework '{key}'.");
        var document = await governance.DocumentAsync(user, documentId.Value, ct);
        if (!document.Succeeded) return document.As<FrameworkView>();
        var doc = document.Value!;
        Guid? versionId = version switch
        {
            null or "" or "latest" => doc.LatestPublishedId,
            "draft" => doc.DraftId,
            _ when Guid.TryParse(version, out var id) => id,
            _ => doc.Versions.FirstOrDefault(v => v.Label == version)?.Id,
        };
        if (versionId is null || doc.Versions.All(v => v.Id != versionId))
            return Outcome<FrameworkView>.NotFound(version == "draft" ? $"Framework '{key}' has no draft you can see." : $"Framework '{key}' has no version '{version}'.");
        var read = await governance.VersionAsync(user, versionId.Value, ct);
        if (!read.Succeeded) return read.As<FrameworkView>();
        var v = read.Value!;
        return new FrameworkView(doc.Id, v.Id, v.Label, v.State, v.PublishedAt, FrameworkSections.FromVersion(v.Structure, v.Sections), doc.Versions,
            doc.DraftId, doc.CanEdit, doc.CanPublish);
    }

    /// <summary>The mastery definitions for every discipline people hold today, plus any the framework defines for no one yet.</summary>
    public async Task<Outcome<MasteryView>> MasteryAsync(ClaimsPrincipal user, string key, string? version, CancellationToken ct)
    {
        var read = await GetAsync(user, key, version, ct);
        if (!read.Succeeded) return read.As<MasteryView>();
        var framework = read.Value!.Framework;
        var mastery = framework.Characteristics.FirstOrDefault(c => c.IsMastery);
        if (mastery is null) return Outcome<MasteryView>.NotFound("This framework has no mastery characteristic.");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var counts = await db.People.AsNoTracking().Where(p => p.Discipline != "" && p.EmploymentStart <= today && (p.EmploymentEnd == null || p.EmploymentEnd > today))
            .GroupBy(p => p.Discipline).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var defined = mastery.Disciplines.ToDictionary(d => d.Discipline);
        var disciplines = defined.Keys.Union(counts.Keys).Order(StringComparer.Ordinal)
            .Select(d => new DisciplineMasteryView(d, defined.TryGetValue(d, out var m) ? m.Name : d, defined.GetValueOrDefault(d)?.Definition, counts.GetValueOrDefault(d)))
            .OrderBy(d => d.Definition is null ? 1 : 0).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        return new MasteryView(read.Value, mastery.Id, mastery.Name, disciplines);
    }

    public async Task<Outcome<string>> ExportAsync(ClaimsPrincipal user, string key, string? version, FrameworkFormat format, CancellationToken ct)
    {
        var read = await GetAsync(user, key, version, ct);
        return read.Succeeded ? FrameworkFileWriter.Write(read.Value!.Framework, format) : read.As<string>();
    }

    /// <summary>
    /// Reads a file and, when it is valid, either creates the framework it names (published as 1.0.0) or starts a
    /// draft of the existing one with the file's content, to go through review and publishing. A file with any
    /// error writes nothing.
    /// </summary>
    public async Task<Outcome<FrameworkImportResult>> ImportAsync(ClaimsPrincipal user, string text, FrameworkFormat format, CancellationToken ct)
    {
        if (GovernanceActor.From(user) is not { IsSteward: true } actor) return Outcome<FrameworkImportResult>.Forbidden("Only administrators and HR import frameworks.");
        if (string.IsNullOrWhiteSpace(text)) return Outcome<FrameworkImportResult>.Invalid("$", "The file is empty.");
        var parsed = FrameworkFileReader.Read(text, format);
        if (!parsed.Succeeded)
        {
            var errors = new FieldErrors();
            foreach (var e in parsed.Errors) errors.Add(e.Path, e.Line is { } line ? $"Line {line}, column {e.Column}: {e.Message}" : e.Message);
            return Outcome<FrameworkImportResult>.Invalid(errors);
        }
        var framework = parsed.Framework!;
        var content = FrameworkSections.ToContent(framework);
        var document = await db.GovernedDocuments.FirstOrDefaultAsync(d => d.Kind == FrameworkSections.Kind && d.Key == framework.Key, ct);
        if (document is null)
        {
            var created = await publishing.CreatePublishedAsync(FrameworkSections.Kind, framework.Key, content, actor.Name, ct);
            var first = await db.DocumentVersions.AsNoTracking().FirstAsync(v => v.DocumentId == created.Id, ct);
            return new FrameworkImportResult(created.Id, first.Id, framework.Key, first.Label, true);
        }
        var source = (await db.DocumentVersions.Where(v => v.DocumentId == document.Id && v.State == VersionState.Published).ToListAsync(ct))
            .MaxBy(v => new SemanticVersion(v.Major, v.Minor, v.Patch));
        var draft = await drafts.StartDraftAsync(actor, document, source, content, ct);
        return draft.Succeeded ? new FrameworkImportResult(document.Id, draft.Value!.Id, framework.Key, draft.Value.Label, false) : draft.As<FrameworkImportResult>();
    }

    /// <summary>Makes sure the shipped framework exists, published as 1.0.0, so a new installation has one to use.</summary>
    public async Task EnsureDefaultAsync(CancellationToken ct)
    {
        if (await db.GovernedDocuments.AnyAsync(d => d.Kind == FrameworkSections.Kind && d.Key == CareerFramework.DefaultKey, ct)) return;
        await publishing.CreatePublishedAsync(FrameworkSections.Kind, CareerFramework.DefaultKey, FrameworkSections.ToContent(DefaultFramework.Value), "Stepwise", ct);
    }
}
