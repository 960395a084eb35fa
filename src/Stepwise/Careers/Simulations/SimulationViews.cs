using Stepwise.Careers.Distribution;

namespace Stepwise.Careers.Simulations;

public sealed record OpenSimulationRequest(string? Name, Guid? TribeId);

/// <summary>Estimates to set; a null level clears one.</summary>
public sealed record EstimatesRequest(IReadOnlyList<EstimateInput>? Estimates);

public sealed record EstimateInput(Guid? PersonId, int? Level);

public sealed record SimulationSummary(Guid Id, string Name, Guid? TribeId, string Population, SimulationStatus Status, DateOnly PopulationOn,
    string CreatedBy, DateTimeOffset CreatedAt, int People, int Estimated, int Missing, int MineMissing);

/// <summary>Estimates against the target and against the steps the same people hold today; comparisons are null when hidden.</summary>
public sealed record SimulationGroup(string Key, string Name, int People, int Missing, bool Hidden, DistributionComparison? Estimated, DistributionComparison? Current);

public sealed record MyReport(Guid PersonId, string Name, string Title, int? CurrentLevel, int? Estimate);

public sealed record SimulationDetails(SimulationSummary Summary, int MaxLevel, bool CanManage, bool HidesSmallGroups, int MinGroupSize,
    IReadOnlyDictionary<int, double> Target, SimulationGroup Overall, IReadOnlyList<SimulationGroup> ByTribe, IReadOnlyList<MyReport> MyReports);

public sealed record TribeOption(Guid Id, string Name);

public sealed record Openable(bool CanOpen, bool WholeOrganization, IReadOnlyList<TribeOption> Tribes);
