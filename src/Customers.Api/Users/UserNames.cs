namespace Customers.Api.Users;

/// <summary>
/// "Who did this?" answered with a name (SPEC §2: archived_by_name, actor_name, sent_by_name):
/// the display name, else the username, for a set of user ids in one query.
/// </summary>
public sealed class UserNames
{
    private readonly Dictionary<int, string> names;

    private UserNames(Dictionary<int, string> names) => this.names = names;

    public static async Task<UserNames> LoadAsync(CustomersDbContext db, IEnumerable<int?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<int>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new UserNames([]);
        }
        var found = await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id))
            .Select(u => new { u.Id, Name = u.DisplayName ?? u.Username })
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        return new UserNames(found);
    }

    public string? this[int? id] => id is { } key && names.TryGetValue(key, out var name) ? name : null;
}
