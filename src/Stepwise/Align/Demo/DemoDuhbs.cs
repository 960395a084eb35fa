using Microsoft.EntityFrameworkCore;
using Stepwise.Align.Duhbs;
using Stepwise.Data;
using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Demo;

/// <summary>
/// Two DUHBs for the demo thread: the listener tribe's reading of its onboarding funnel, serving "Grow paying listeners",
/// whose bet became the guided onboarding feature; and a journey team's DUHB still in review, endorsed twice, its bet open.
/// </summary>
public sealed class DemoDuhbs(StepwiseDb db, TimeProvider time)
{
    public async Task SeedAsync(CancellationToken ct)
    {
        if (await db.Duhbs.AnyAsync(ct)) return;
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Key, u => u.Id, ct);
        var people = await db.Users.AsNoTracking().Where(u => u.PersonId != null).OrderBy(u => u.Email).Select(u => new { u.Id, u.PersonId, u.DisplayName }).ToListAsync(ct);
        var priorities = await db.PriorityItems.AsNoTracking().Where(i => i.RetiredAt == null).ToDictionaryAsync(i => i.Title, i => i.Id, ct);
        var onboarding = await db.Features.AsNoTracking().FirstOrDefaultAsync(f => f.Key == "guided-onboarding", ct);
        if (people.Count < 3 || onboarding is null || !units.TryGetValue("listener", out var tribe) || !units.TryGetValue("listener-home-feed", out var squad))
            return;
        var now = time.GetUtcNow();
        var (author, second, third) = (people[0], people[1], people[2]);

        var funnel = new Duhb
        {
            Id = Guid.CreateVersion7(now.AddDays(-200)), Title = "New listeners get lost in their first session", UnitId = tribe,
            PriorityItemId = priorities.GetValueOrDefault("Grow paying listeners") is var p && p != Guid.Empty ? p : null,
            AuthorUserId = author.Id, AuthorPersonId = author.PersonId, AuthorName = author.DisplayName, State = DuhbState.Closed,
            Data = "First-session recordings of 40 new listeners and the activation funnel of the last two quarters.",
            DataPoints =
            [
                new("New listeners back on day 7", 38, "%", "https://analytics.example/retention"),
                new("First sessions that never open the library", 52, "%", "https://analytics.example/first-session"),
                new("Support questions about finding downloads per week", 310, null, null),
            ],
            Links = ["https://analytics.example/dashboards/activation"],
            Understanding = "Half of the new listeners never see where their music lives. Those who do find it come back far more often; " +
                "the problem is orientation, not the catalogue.",
            Hypotheses = ["Listeners who find their library in the first session return in the first week.", "A short tour beats a help page nobody opens."],
            CreatedAt = now.AddDays(-200), UpdatedAt = now.AddDays(-181),
        };
        funnel.Bets.Add(new DuhbBet
        {
            Id = Guid.CreateVersion7(now.AddDays(-200)), DuhbId = funnel.Id, Position = 0, Title = "Guided onboarding tour",
            HypothesisStatement = onboarding.HypothesisStatement, SuccessMetrics = onboarding.SuccessMetrics, GuardrailMetrics = onboarding.GuardrailMetrics,
            SquadId = squad, FeatureId = onboarding.Id, ConvertedAt = onboarding.CreatedAt, ConvertedBy = author.DisplayName,
        });
        db.Duhbs.Add(funnel);
        db.DuhbEndorsements.Add(new DuhbEndorsement { DuhbId = funnel.Id, UserId = second.Id, Name = second.DisplayName, At = now.AddDays(-195) });
        db.DuhbComments.Add(new DuhbComment
        {
            Id = Guid.CreateVersion7(now.AddDays(-196)), DuhbId = funnel.Id, AuthorUserId = third.Id, AuthorName = third.DisplayName, At = now.AddDays(-196),
            Text = "The recordings match what support hears. Could the tour be skipped by people moving over from another service?",
        });

        var journey = units.GetValueOrDefault("journey-emerging-markets");
        var payments = units.GetValueOrDefault("monetization-checkout");
        if (journey != Guid.Empty && payments != Guid.Empty)
        {
            var prepaid = new Duhb
            {
                Id = Guid.CreateVersion7(now.AddDays(-6)), Title = "Card-less listeners drop out at checkout", UnitId = journey,
                PriorityItemId = priorities.GetValueOrDefault("A checkout that gets out of the way") is var c && c != Guid.Empty ? c : null,
                AuthorUserId = second.Id, AuthorPersonId = second.PersonId, AuthorName = second.DisplayName, State = DuhbState.InReview,
                Data = "Checkout attempts in the three newest markets over eight weeks.",
                DataPoints = [new("Checkouts abandoned at the card form", 64, "%", "https://analytics.example/checkout"), new("Listeners without a credit card (survey)", 71, "%", null)],
                Understanding = "Most people in these markets pay with mobile wallets or vouchers; a card form is a dead end for them.",
                Hypotheses = ["Offering the local wallet at checkout converts listeners who have no card."],
                CreatedAt = now.AddDays(-6), UpdatedAt = now.AddDays(-4),
            };
            prepaid.Bets.Add(new DuhbBet
            {
                Id = Guid.CreateVersion7(now.AddDays(-6)), DuhbId = prepaid.Id, Position = 0, Title = "Mobile wallet at checkout",
                HypothesisStatement = "Listeners without a card will complete checkout when they can pay with the wallet they already use.",
                SuccessMetrics = [new("checkout-conversion", MetricDirection.Increase, 0.05)], GuardrailMetrics = [new("payment-errors", MetricDirection.Decrease, 0.01)],
                SquadId = payments,
            });
            db.Duhbs.Add(prepaid);
            db.DuhbEndorsements.Add(new DuhbEndorsement { DuhbId = prepaid.Id, UserId = author.Id, Name = author.DisplayName, At = now.AddDays(-3) });
            db.DuhbEndorsements.Add(new DuhbEndorsement { DuhbId = prepaid.Id, UserId = third.Id, Name = third.DisplayName, At = now.AddDays(-2) });
        }
        await db.SaveChangesAsync(ct);
    }
}
