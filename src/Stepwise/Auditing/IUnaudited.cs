namespace Stepwise.Auditing;

/// <summary>A derived row rebuilt from audited ones (a search index entry); auditing it would only repeat their entries.</summary>
public interface IUnaudited;
