using System.Globalization;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Stepwise.Auditing;
using Stepwise.Data;
using Stepwise.Organization;
using Stepwise.Organization.Csv;

namespace Stepwise.Careers.Steps;

public sealed record StepImportRequest(string? Steps);

public sealed record StepImportResult(bool DryRun, bool Applied, int Rows, int ErrorCount, IReadOnlyList<CsvError> Errors);

/// <summary>
/// Step history as CSV, in the conventions of the organization files: one header, ISO dates, every problem reported with
/// its line and column, and nothing written unless the whole file is valid.
/// </summary>
public sealed class StepCsv(StepwiseDb db, StepRecordService records, StepWebhooks webhooks, IAuditActor actor)
{
    public const string FileName = "steps.csv";
    private static readonly string[] Required = ["email", "level", "effective_on", "rationale"];
    private static readonly string[] Optional = ["framework_version", "decided_by", "source", "previous_level", "ended_on"];

    public async Task<string> ExportAsync(CancellationToken ct)
    {
        var rows = await db.StepRecords.AsNoTracking()
            .Join(db.People.AsNoTracking(), r => r.PersonId, p => p.Id, (r, p) => new { p.Email, r })
            .OrderBy(x => x.Email).ThenBy(x => x.r.EffectiveOn).ThenBy(x => x.r.RecordedAt)
            .ToListAsync(ct);
        var text = new StringBuilder();
        using (var writer = new CsvWriter(new StringWriter(text), CultureInfo.InvariantCulture))
        {
            foreach (var column in Required.Concat(Optional)) writer.WriteField(column);
            writer.NextRecord();
            foreach (var x in rows)
            {
                writer.WriteField(x.Email);
                writer.WriteField(x.r.Level.ToString(CultureInfo.InvariantCulture));
                writer.WriteField(x.r.EffectiveOn.ToString(CsvValues.DateFormat, CultureInfo.InvariantCulture));
                writer.WriteField(x.r.Rationale);
                writer.WriteField(x.r.FrameworkVersion ?? "");
                writer.WriteField(x.r.DecidedBy);
                writer.WriteField(x.r.Source.ToString().ToLowerInvariant());
                writer.WriteField(x.r.PreviousLevel?.ToString(CultureInfo.InvariantCulture) ?? "");
                writer.WriteField(x.r.EndedOn?.ToString(CsvValues.DateFormat, CultureInfo.InvariantCulture) ?? "");
                writer.NextRecord();
            }
        }
        return text.ToString();
    }

    /// <summary>Adds the decisions in the file (source "import"). Export-only columns (source, previous_level, ended_on) are accepted and ignored.</summary>
    public async Task<StepImportResult> ImportAsync(StepImportRequest request, bool dryRun, CancellationToken ct)
    {
        var errors = new List<CsvError>();
        if (string.IsNullOrEmpty(request.Steps))
        {
            errors.Add(new CsvError(FileName, 1, 1, null, "The file is missing ('steps')."));
            return new StepImportResult(dryRun, false, 0, errors.Count, errors);
        }
        var table = CsvTable.Read(FileName, request.Steps, Required, Optional, errors);
        var emails = table.Rows.Select(r => Person.NormalizeEmail(r["email"])).Where(e => e.Length > 0).Distinct().ToList();
        var people = await db.People.AsNoTracking().Where(p => emails.Contains(p.Email)).ToDictionaryAsync(p => p.Email, ct);
        var ids = people.Values.Select(p => p.Id).ToList();
        var latest = (await db.StepRecords.AsNoTracking().Where(r => ids.Contains(r.PersonId)).ToListAsync(ct))
            .GroupBy(r => r.PersonId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.EffectiveOn).ThenBy(r => r.RecordedAt).Last());

        var decisions = new List<(StepDecision Decision, Person Person)>();
        foreach (var row in table.Rows)
        {
            // Every cell is checked on its own; only the checks that need the person (employment, order) wait for a known person.
            var before = errors.Count;
            var email = CsvValues.Email(row, "email", true, errors);
            var level = Level(row, errors);
            var date = CsvValues.Date(row, "effective_on", true, errors);
            var rationale = CsvValues.Required(row, "rationale", StepRecordService.MaxRationale, errors);
            var version = CsvValues.Optional(row, "framework_version", StepRecordService.MaxFrameworkVersion, errors);
            var decidedBy = CsvValues.Optional(row, "decided_by", 200, errors);
            Person? person = null;
            if (email is not null && !people.TryGetValue(email, out person))
                errors.Add(row.Error("email", $"No person with the email '{email}'. Import the organization first; "
                    + "until then 'effective_on' cannot be checked against their employment dates."));
            if (person is not null && date is { } on)
            {
                foreach (var message in StepRecordService.EmploymentProblems(on, person, "effective_on")) errors.Add(row.Error("effective_on", message));
                var previous = decisions.Where(d => d.Person.Id == person.Id).Select(d => (DateOnly?)d.Decision.EffectiveOn).LastOrDefault()
                    ?? (latest.TryGetValue(person.Id, out var existing) ? existing.EffectiveOn : null);
                if (previous is { } p && on < p)
                    errors.Add(row.Error("effective_on", $"A decision for {email} effective {p:yyyy-MM-dd} comes earlier in time order; list each person's decisions oldest first, after any already recorded."));
            }
            if (errors.Count > before) continue;
            decisions.Add((new StepDecision(person!.Id, level!.Value, date!.Value, rationale!, StepSource.Import,
                decidedBy.Length > 0 ? decidedBy : actor.Name, null, version.Length > 0 ? version : null), person));
        }

        if (errors.Count > 0 || dryRun)
            return new StepImportResult(dryRun, false, table.Rows.Count, errors.Count, [.. errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        foreach (var (decision, person) in decisions)
        {
            var record = records.NewRecord(decision, latest.GetValueOrDefault(person.Id));
            latest[person.Id] = record;
            db.StepRecords.Add(record);
            webhooks.Enqueue(db, "step.recorded", record, person, record.RecordedAt);
        }
        await db.SaveChangesAsync(ct);
        return new StepImportResult(false, true, table.Rows.Count, 0, []);
    }

    private int? Level(CsvRow row, List<CsvError> errors)
    {
        var value = row["level"];
        if (value.Length == 0) { errors.Add(row.Error("level", "'level' is required.")); return null; }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var level))
        {
            errors.Add(row.Error("level", $"'{value}' is not a step number."));
            return null;
        }
        if (records.LevelProblem(level, "level") is not { } problem) return level;
        errors.Add(row.Error("level", problem));
        return null;
    }
}
