using Stepwise.Auditing;
using Stepwise.Data;

namespace Stepwise.Organization.Csv;

/// <summary>
/// Imports units, people and memberships from CSV as one all-or-nothing change. Rows are matched on stable keys
/// (unit key, email, and person + unit + start date), so importing an export again changes nothing.
/// </summary>
/// <remarks>New rows are written in bulk with one audit entry each (see <see cref="OrgImportWriter"/>); this is what keeps
/// a 20,000-person import within seconds.</remarks>
public sealed class OrgCsvImporter(StepwiseDb db, TimeProvider time, IAuditActor actor)
{
    /// <summary>Errors beyond this many are counted but not listed: a wrong file would otherwise produce one per cell.</summary>
    public const int MaxListedErrors = 500;

    public async Task<OrgImportResult> ImportAsync(OrgImportRequest request, bool dryRun, CancellationToken ct = default)
    {
        var plan = OrgImportReader.Read(request);
        var state = await OrgImportState.LoadAsync(db, ct);
        OrgImportValidator.Validate(plan, state);
        if (plan.Errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            var zero = new OrgImportCounts(0, 0, 0);
            var listed = plan.Errors.OrderBy(e => e.File).ThenBy(e => e.Line).ThenBy(e => e.Column).Take(MaxListedErrors).ToList();
            return new OrgImportResult(dryRun, false, zero, zero, zero, plan.Errors.Count, listed);
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var apply = new OrgImportApplier(db, state, time);
            var units = apply.Units(plan.Units);
            var people = apply.People(plan.People);
            var memberships = apply.Memberships(plan.Memberships);
            if (dryRun) db.ChangeTracker.Clear();
            else await new OrgImportWriter(db, actor, time).WriteAsync(apply.Inserts, ct);
            return new OrgImportResult(dryRun, !dryRun, units, people, memberships, 0, []);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
        }
    }
}
