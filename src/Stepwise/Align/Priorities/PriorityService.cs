using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Stepwise.Data;
using Stepwise.Organization;

namespace Stepwise.Align.Priorities;

/// <summary>
/// Ranked priority stacks. Every change states its reason, is checked against the version the editor saw (a stack that
/// changed meanwhile answers 409 and nothing is written) and appends a history row holding the whole order afterwards.
/// </summary>
public sealed class PriorityService(StepwiseDb db, AlignPermissions permissions, TimeProvider time)
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 2000;
    public const int MaxReason = 500;
    public const int MaxItems = 50;

    public async Task<IReadOnlyList<StackSummary>> ListAsync(CancellationToken ct)
    {
        var stacks = await db.PriorityStacks.AsNoTracking().Include(s => s.Items).ToListAsync(ct);
        var units = await db.Units.AsNoTracking().Where(u => stacks.Select(s => s.UnitId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        return [.. stacks.Where(s => units.ContainsKey(s.UnitId)).Select(s =>
            {
                var unit = units[s.UnitId];
                var ranked = s.Ranked.ToList();
                return new StackSummary(s.Id, unit.Id, unit.Key, unit.Name, unit.Kind, s.Version, ranked.Count, ranked.FirstOrDefault()?.Title);
            })
            .OrderBy(s => s.UnitKind != UnitKind.Company).ThenBy(s => s.UnitName, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<Outcome<StackView>> CreateAsync(ClaimsPrincipal user, CreateStackRequest request, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == request.UnitId, ct);
        if (unit is null) return Outcome<StackView>.Invalid("unitId", "There is no such unit.");
        if (unit.Kind is not (UnitKind.Company or UnitKind.Tribe or UnitKind.JourneyTeam or UnitKind.Squad))
            return Outcome<StackView>.Invalid("unitId", $"A {unit.Kind} does not keep a priority stack; companies, tribes, squads and journey teams do.");
        if (!await permissions.CanSteerAsync(user, unit, ct))
            return Outcome<StackView>.Forbidden($"Only leads of {unit.Name} (or administrators and leadership) set its priorities.");
        if (await db.PriorityStacks.AnyAsync(s => s.UnitId == unit.Id, ct))
            return Outcome<StackView>.Conflict($"{unit.Name} already has a priority stack.");
        var stack = new PriorityStack { Id = Guid.CreateVersion7(time.GetUtcNow()), UnitId = unit.Id, CreatedAt = time.GetUtcNow() };
        db.PriorityStacks.Add(stack);
        await db.SaveChangesAsync(ct);
        return await ViewAsync(user, unit.Key, null, ct);
    }

    public async Task<Outcome<StackView>> ViewAsync(ClaimsPrincipal user, string unitKey, DateTimeOffset? asOf, CancellationToken ct)
    {
        var (unit, stack) = await FindAsync(unitKey, tracking: false, ct);
        if (unit is null || stack is null) return Outcome<StackView>.NotFound($"There is no priority stack for '{unitKey}'.");
        var canEdit = asOf is null && await permissions.CanSteerAsync(user, unit, ct);
        if (asOf is null)
            return new StackView(stack.Id, unit.Id, unit.Key, unit.Name, unit.Kind, stack.Version, null,
                [.. stack.Ranked.Select((i, n) => new PriorityItemView(i.Id, n + 1, i.Title, i.Description, i.CreatedAt))], canEdit);

        // Replay: the last change at or before the moment holds the order then; titles are as they are now.
        var change = await db.PriorityChanges.AsNoTracking().Where(c => c.StackId == stack.Id && c.At <= asOf)
            .OrderByDescending(c => c.VersionAfter).FirstOrDefaultAsync(ct);
        var byId = stack.Items.ToDictionary(i => i.Id);
        var items = (change?.OrderAfter ?? []).Where(byId.ContainsKey)
            .Select((id, n) => new PriorityItemView(id, n + 1, byId[id].Title, byId[id].Description, byId[id].CreatedAt)).ToList();
        return new StackView(stack.Id, unit.Id, unit.Key, unit.Name, unit.Kind, change?.VersionAfter ?? 0, asOf, items, false);
    }

    public async Task<Outcome<IReadOnlyList<PriorityChangeView>>> HistoryAsync(string unitKey, CancellationToken ct)
    {
        var (_, stack) = await FindAsync(unitKey, tracking: false, ct);
        if (stack is null) return Outcome<IReadOnlyList<PriorityChangeView>>.NotFound($"There is no priority stack for '{unitKey}'.");
        var changes = await db.PriorityChanges.AsNoTracking().Where(c => c.StackId == stack.Id).OrderByDescending(c => c.VersionAfter).ToListAsync(ct);
        return changes.Select(c => new PriorityChangeView(c.Id, c.Kind, c.ItemId, c.ItemTitle, c.FromRank, c.ToRank, c.Reason, c.By, c.At, c.VersionAfter)).ToList();
    }

    public Task<Outcome<StackView>> AddAsync(ClaimsPrincipal user, string unitKey, AddPriorityRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckTitle(errors, request.Title, request.Description);
        CheckReason(errors, request.Reason);
        return ChangeAsync(user, unitKey, request.ExpectedVersion, errors, (stack, ranked) =>
        {
            if (ranked.Count >= MaxItems) return ("rank", $"A stack holds at most {MaxItems} priorities; retire one first.", null);
            var rank = request.Rank ?? ranked.Count + 1;
            if (rank < 1 || rank > ranked.Count + 1) return ("rank", $"Rank must be between 1 and {ranked.Count + 1}.", null);
            var item = new PriorityItem
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()), StackId = stack.Id, Title = request.Title.Trim(),
                Description = Blank(request.Description), CreatedAt = time.GetUtcNow(),
            };
            db.PriorityItems.Add(item);
            stack.Items.Add(item);
            ranked.Insert(rank - 1, item);
            return (null, null, new Pending(item, PriorityChangeKind.Added, null, rank, request.Reason));
        }, ct);
    }

    public Task<Outcome<StackView>> MoveAsync(ClaimsPrincipal user, string unitKey, Guid itemId, MovePriorityRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckReason(errors, request.Reason);
        return ChangeAsync(user, unitKey, request.ExpectedVersion, errors, (_, ranked) =>
        {
            var item = ranked.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return ("itemId", "That priority is not live in this stack.", null);
            if (request.ToRank < 1 || request.ToRank > ranked.Count) return ("toRank", $"Rank must be between 1 and {ranked.Count}.", null);
            var from = ranked.IndexOf(item) + 1;
            if (from == request.ToRank) return ("toRank", $"'{item.Title}' is already at rank {from}.", null);
            ranked.Remove(item);
            ranked.Insert(request.ToRank - 1, item);
            return (null, null, new Pending(item, PriorityChangeKind.Moved, from, request.ToRank, request.Reason));
        }, ct);
    }

    public Task<Outcome<StackView>> RetireAsync(ClaimsPrincipal user, string unitKey, Guid itemId, RetirePriorityRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckReason(errors, request.Reason);
        return ChangeAsync(user, unitKey, request.ExpectedVersion, errors, (_, ranked) =>
        {
            var item = ranked.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return ("itemId", "That priority is not live in this stack.", null);
            var from = ranked.IndexOf(item) + 1;
            ranked.Remove(item);
            item.RetiredAt = time.GetUtcNow();
            return (null, null, new Pending(item, PriorityChangeKind.Retired, from, null, request.Reason));
        }, ct);
    }

    public Task<Outcome<StackView>> EditAsync(ClaimsPrincipal user, string unitKey, Guid itemId, EditPriorityRequest request, CancellationToken ct)
    {
        var errors = new FieldErrors();
        CheckTitle(errors, request.Title, request.Description);
        CheckReason(errors, request.Reason);
        return ChangeAsync(user, unitKey, request.ExpectedVersion, errors, (_, ranked) =>
        {
            var item = ranked.FirstOrDefault(i => i.Id == itemId);
            if (item is null) return ("itemId", "That priority is not live in this stack.", null);
            item.Title = request.Title.Trim();
            item.Description = Blank(request.Description);
            var rank = ranked.IndexOf(item) + 1;
            return (null, null, new Pending(item, PriorityChangeKind.Edited, rank, rank, request.Reason));
        }, ct);
    }

    private sealed record Pending(PriorityItem Item, PriorityChangeKind Kind, int? From, int? To, string Reason);

    private async Task<Outcome<StackView>> ChangeAsync(ClaimsPrincipal user, string unitKey, int expectedVersion, FieldErrors errors,
        Func<PriorityStack, List<PriorityItem>, (string? Field, string? Error, Pending? Change)> apply, CancellationToken ct)
    {
        var (unit, stack) = await FindAsync(unitKey, tracking: true, ct);
        if (unit is null || stack is null) return Outcome<StackView>.NotFound($"There is no priority stack for '{unitKey}'.");
        if (!await permissions.CanSteerAsync(user, unit, ct))
            return Outcome<StackView>.Forbidden($"Only leads of {unit.Name} (or administrators and leadership) change its priorities.");
        if (errors.Any) return Outcome<StackView>.Invalid(errors);
        if (expectedVersion != stack.Version)
            return Outcome<StackView>.Conflict(
                $"The stack changed since you loaded it (you saw version {expectedVersion}, it is now {stack.Version}). Reload it and try again.");
        var ranked = stack.Ranked.ToList();
        var (field, error, change) = apply(stack, ranked);
        if (change is null) return Outcome<StackView>.Invalid(field!, error!);

        for (var n = 0; n < ranked.Count; n++) ranked[n].Rank = n + 1;
        stack.Version++;
        db.PriorityChanges.Add(new PriorityChange
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()), StackId = stack.Id, ItemId = change.Item.Id, Kind = change.Kind, ItemTitle = change.Item.Title,
            FromRank = change.From, ToRank = change.To, Reason = change.Reason.Trim(), By = AlignPermissions.NameOf(user),
            ByPersonId = AlignPermissions.PersonOf(user), At = time.GetUtcNow(), VersionAfter = stack.Version, OrderAfter = [.. ranked.Select(i => i.Id)],
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<StackView>.Conflict("Someone else changed the stack at the same moment. Reload it and try again.");
        }
        return await ViewAsync(user, unitKey, null, ct);
    }

    private async Task<(OrgUnit? Unit, PriorityStack? Stack)> FindAsync(string unitKey, bool tracking, CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Key == unitKey, ct);
        if (unit is null) return (null, null);
        var stacks = tracking ? db.PriorityStacks.AsTracking() : db.PriorityStacks.AsNoTracking();
        return (unit, await stacks.Include(s => s.Items).FirstOrDefaultAsync(s => s.UnitId == unit.Id, ct));
    }

    private static void CheckTitle(FieldErrors errors, string? title, string? description)
    {
        if (string.IsNullOrWhiteSpace(title)) errors.Add("title", "Give the priority a title.");
        else if (title.Trim().Length > MaxTitle) errors.Add("title", $"At most {MaxTitle} characters.");
        if (description?.Length > MaxDescription) errors.Add("description", $"At most {MaxDescription} characters.");
    }

    private static void CheckReason(FieldErrors errors, string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason)) errors.Add("reason", "Say why: the history keeps the reason for every change.");
        else if (reason.Trim().Length > MaxReason) errors.Add("reason", $"At most {MaxReason} characters.");
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
