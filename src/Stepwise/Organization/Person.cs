namespace Stepwise.Organization;

/// <summary>Someone employed by the organization. Current values live here; their history lives in <see cref="Transition"/>.</summary>
public sealed class Person
{
    public Guid Id { get; init; }
    public required string Email { get; set; }
    public required string Name { get; set; }
    public string Title { get; set; } = "";
    public string Discipline { get; set; } = "";
    public string Location { get; set; } = "";
    public CareerTrack Track { get; set; }
    public DateOnly EmploymentStart { get; set; }
    public DateOnly? EmploymentEnd { get; set; }

    public bool IsEmployedOn(DateOnly date) =>
        EmploymentStart <= date && (EmploymentEnd is null || EmploymentEnd > date);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();
}

public enum CareerTrack
{
    IndividualContributor,
    Manager,
}
