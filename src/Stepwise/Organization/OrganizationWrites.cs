using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Stepwise.Api;
using Stepwise.Data;
using Stepwise.Organization.Csv;

namespace Stepwise.Organization;

/// <summary>Handlers that change the organization. Each validates every field first, then applies the change through <see cref="OrgChanges"/> and saves once.</summary>
internal static class OrganizationWrites
{
    public static async Task<Results<Created<UnitSummary>, ValidationProblem>> CreateUnitAsync(StepwiseDb db, TimeProvider time, CreateUnitRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("key", request.Key, 100).Require("name", request.Name, 200).Limit("discipline", request.Discipline, 100);
        var key = request.Key?.Trim().ToLowerInvariant() ?? "";
        if (key.Length > 0 && !CsvValues.KeyPattern().IsMatch(key))
            errors.Add("key", "Use lowercase letters, digits, '.', '_' and '-', starting with a letter or digit.");
        if (await db.Units.AnyAsync(u => u.Key == key, ct)) errors.Add("key", $"A unit with key '{key}' already exists.");
        await CheckParentAsync(db, request.Kind, request.ParentId, errors, ct);
        if (errors.Any) return errors.ToProblem();
        var unit = new OrgUnit
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), Key = key, Name = request.Name.Trim(), Kind = request.Kind,
            ParentId = request.ParentId, Discipline = Blank(request.Discipline),
        };
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/units/{unit.Id}", unit.AsSummary());
    }

    public static async Task<Results<Ok<UnitSummary>, NotFound, ValidationProblem>> UpdateUnitAsync(StepwiseDb db, Guid id, UpdateUnitRequest request, CancellationToken ct)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return TypedResults.NotFound();
        var errors = new FieldErrors().Require("name", request.Name, 200).Limit("discipline", request.Discipline, 100);
        if (request.ParentId == id) errors.Add("parentId", "A unit cannot contain itself.");
        else await CheckParentAsync(db, unit.Kind, request.ParentId, errors, ct);
        if (errors.Any) return errors.ToProblem();
        (unit.Name, unit.ParentId, unit.Discipline) = (request.Name.Trim(), request.ParentId, Blank(request.Discipline));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(unit.AsSummary());
    }

    public static async Task<Results<Created<PersonSummary>, ValidationProblem>> HireAsync(
        StepwiseDb db, OrgChanges changes, TimeProvider time, HirePersonRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors().Require("email", request.Email, 320).Require("name", request.Name, 200)
            .Limit("title", request.Title, 200).Limit("discipline", request.Discipline, 100).Limit("location", request.Location, 100);
        var email = Person.NormalizeEmail(request.Email ?? "");
        if (email.Length > 0 && !email.Contains('@', StringComparison.Ordinal)) errors.Add("email", $"'{email}' is not an email address.");
        if (await db.People.AnyAsync(p => p.Email == email, ct)) errors.Add("email", $"Someone with the email '{email}' already exists.");
        var unit = request.UnitId is { } unitId ? await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct) : null;
        if (request.UnitId is not null && unit is null) errors.Add("unitId", "No such unit.");
        var manager = request.ManagerId is { } managerId ? await db.People.FirstOrDefaultAsync(p => p.Id == managerId, ct) : null;
        if (request.ManagerId is not null && manager is null) errors.Add("managerId", "No such person.");
        if (errors.Any) return errors.ToProblem();

        var person = changes.Hire(new Person
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), Email = email, Name = request.Name.Trim(), Title = request.Title?.Trim() ?? "",
            Discipline = request.Discipline?.Trim() ?? "", Location = request.Location?.Trim() ?? "", Track = request.Track,
            EmploymentStart = request.EmploymentStart,
        });
        try
        {
            if (unit is not null) await changes.JoinUnitAsync(person, unit, MembershipRole.Member, request.EmploymentStart, ct);
            if (manager is not null) await changes.SetManagerAsync(person, manager, request.EmploymentStart, ct);
        }
        catch (OrgRuleException e)
        {
            return FieldErrors.For(e.Field, e.Message);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/people/{person.Id}", person.AsSummary());
    }

    public static async Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> UpdatePersonAsync(
        StepwiseDb db, OrgChanges changes, Guid id, UpdatePersonRequest request, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return TypedResults.NotFound();
        var errors = new FieldErrors().Require("name", request.Name, 200).Limit("title", request.Title, 200)
            .Limit("discipline", request.Discipline, 100).Limit("location", request.Location, 100);
        if (request.EffectiveOn < person.EmploymentStart) errors.Add("effectiveOn", $"The change cannot take effect before {person.Name} started ({person.EmploymentStart:yyyy-MM-dd}).");
        if (errors.Any) return errors.ToProblem();
        person.Name = request.Name.Trim();
        changes.ChangeDetails(person, request.Title?.Trim() ?? "", request.Discipline?.Trim() ?? "", request.Location?.Trim() ?? "", request.Track, request.EffectiveOn);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(person.AsSummary());
    }

    public static Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> JoinUnitAsync(
        StepwiseDb db, OrgChanges changes, Guid id, JoinUnitRequest request, CancellationToken ct) =>
        WithPersonAndUnitAsync(db, id, request.UnitId, (person, unit) => changes.JoinUnitAsync(person, unit, request.Role, request.EffectiveOn, ct), ct);

    public static Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> LeaveUnitAsync(
        StepwiseDb db, OrgChanges changes, Guid id, LeaveUnitRequest request, CancellationToken ct) =>
        WithPersonAndUnitAsync(db, id, request.UnitId, (person, unit) => changes.LeaveUnitAsync(person, unit, request.EffectiveOn, ct), ct);

    public static async Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> SetManagerAsync(
        StepwiseDb db, OrgChanges changes, Guid id, SetManagerRequest request, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return TypedResults.NotFound();
        Person? manager = null;
        if (request.ManagerId is { } managerId && (manager = await db.People.FirstOrDefaultAsync(p => p.Id == managerId, ct)) is null)
            return FieldErrors.For("managerId", "No such person.");
        return await ApplyAsync(db, person, () => changes.SetManagerAsync(person, manager, request.EffectiveOn, ct), ct);
    }

    public static async Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> LeaveCompanyAsync(
        StepwiseDb db, OrgChanges changes, Guid id, LeaveCompanyRequest request, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (person is null) return TypedResults.NotFound();
        return await ApplyAsync(db, person, () => changes.LeaveCompanyAsync(person, request.EffectiveOn, ct), ct);
    }

    private static async Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> WithPersonAndUnitAsync(
        StepwiseDb db, Guid personId, Guid unitId, Func<Person, OrgUnit, Task> change, CancellationToken ct)
    {
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return TypedResults.NotFound();
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null) return FieldErrors.For("unitId", "No such unit.");
        return await ApplyAsync(db, person, () => change(person, unit), ct);
    }

    private static async Task<Results<Ok<PersonSummary>, NotFound, ValidationProblem>> ApplyAsync(StepwiseDb db, Person person, Func<Task> change, CancellationToken ct)
    {
        try
        {
            await change();
        }
        catch (OrgRuleException e)
        {
            return FieldErrors.For(e.Field, e.Message);
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(person.AsSummary());
    }

    private static async Task CheckParentAsync(StepwiseDb db, UnitKind kind, Guid? parentId, FieldErrors errors, CancellationToken ct)
    {
        UnitKind? parentKind = null;
        if (parentId is { } pid)
        {
            parentKind = await db.Units.Where(u => u.Id == pid).Select(u => (UnitKind?)u.Kind).FirstOrDefaultAsync(ct);
            if (parentKind is null) { errors.Add("parentId", "No such unit."); return; }
        }
        if (OrgUnit.CheckParent(kind, parentKind) is { } problem) errors.Add("parentId", problem);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
