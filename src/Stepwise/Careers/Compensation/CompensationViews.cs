namespace Stepwise.Careers.Compensation;

public sealed record BandRequest(int? Level, string? Location, string? Currency, decimal? Min, decimal? Mid, decimal? Max);

public sealed record SalaryRequest(decimal? Amount, string? Currency, DateOnly? EffectiveOn);

public sealed record PromotionCostRequest(IReadOnlyList<ProposedPromotion>? Promotions);

/// <summary>A proposed promotion; <see cref="ToLevel"/> defaults to the next step up.</summary>
public sealed record ProposedPromotion(Guid PersonId, int? ToLevel);

/// <summary>
/// A band with its shape: width is (max − min) / min; headroom is (max − mid) / mid, the room above the midpoint;
/// overlap with the next step is the share of this band's range that the next step's band also covers.
/// </summary>
public sealed record BandView(Guid Id, int Level, string Location, string Currency, decimal Min, decimal Mid, decimal Max,
    decimal WidthPercent, decimal HeadroomPercent, decimal? OverlapWithNextPercent, decimal? OverlapWithNextAmount);

public sealed record LocationBands(string Location, IReadOnlyList<BandView> Bands);

public enum BandPosition
{
    NoBand,
    Below,
    Within,
    Above,
}

/// <summary>Compa-ratio is salary / mid; range penetration is (salary − min) / (max − min), 0 at the minimum and 1 at the maximum.</summary>
public sealed record PersonPay(Guid PersonId, string Name, string Location, int? Level, decimal? Salary, string? Currency, DateOnly? SalarySince,
    BandView? Band, decimal? CompaRatio, decimal? RangePenetration, BandPosition Position);

public sealed record PayOverview(IReadOnlyList<PersonPay> People, int BelowMin, int AboveMax, int WithoutSalary, int WithoutBand);

public sealed record PromotionCostLine(Guid PersonId, string Name, int? FromLevel, int ToLevel, string Location, decimal? Salary,
    decimal? NewBandMin, decimal? NewBandMid, string? Currency, decimal CostToMin, decimal CostToMid, string? Problem);

public sealed record CurrencyTotal(string Currency, decimal CostToMin, decimal CostToMid);

public sealed record PromotionCost(IReadOnlyList<PromotionCostLine> Lines, IReadOnlyList<CurrencyTotal> Totals);
