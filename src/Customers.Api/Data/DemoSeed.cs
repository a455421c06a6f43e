using System.Globalization;
using Microsoft.AspNetCore.Identity;

namespace Customers.Api.Data;

/// <summary>
/// The demo described in the contract (§2): two tenants, four users, about 200 customers each.
/// Phone numbers come from Ofcom's drama ranges, so no real person is ever called.
/// </summary>
public static class DemoSeed
{
    public const string DemoPassword = "demo-password-1";
    public const int CustomersPerTenant = 200;

    public static readonly (string Username, string Role, int? TenantId)[] DemoUsers =
    [
        ("admin@demo", Roles.TenantAdmin, 1),
        ("office@demo", Roles.OfficeStaff, 1),
        ("admin@northside", Roles.TenantAdmin, 2),
        ("platform@admin", Roles.PlatformAdmin, null),
    ];

    private static readonly string[] FirstNames =
    [
        "Margaret", "Arthur", "Doreen", "Harold", "Joan", "Kenneth", "Patricia", "Dennis", "Brenda", "Raymond",
        "Sheila", "Geoffrey", "Eileen", "Malcolm", "Pauline", "Trevor", "Irene", "Derek", "Maureen", "Colin",
        "Aisha", "Mohammed", "Priya", "Sanjay", "Siobhan", "Declan", "Olumide", "Grace", "Tomasz", "Agnieszka",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
        "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood", "Jackson", "Clarke",
        "Patel", "Khan", "Hussain", "O'Brien", "Murphy", "Nowak", "Okafor", "Kowalski", "Ahmed", "Hughes",
    ];

    private static readonly string[] Streets =
    [
        "Church Lane", "Station Road", "Victoria Street", "Mill Lane", "Park Avenue", "The Green", "Chapel Street",
        "Manor Road", "Queens Road", "Westfield Drive", "Orchard Close", "Moor Lane", "Beech Grove", "Hollin Lane",
    ];

    private static readonly (string City, string County, string Outward)[][] Towns =
    [
        [("Leeds", "West Yorkshire", "LS6"), ("Otley", "West Yorkshire", "LS21"), ("Wakefield", "West Yorkshire", "WF1"), ("Harrogate", "North Yorkshire", "HG1")],
        [("Newcastle upon Tyne", "Tyne and Wear", "NE6"), ("Gateshead", "Tyne and Wear", "NE8"), ("Sunderland", "Tyne and Wear", "SR2"), ("Durham", "County Durham", "DH1")],
    ];

    private static readonly string[] Destinations =
    [
        "St James's Hospital", "Day Centre", "Renal Unit", "Community Hub", "GP Surgery", "Physiotherapy Clinic", "Lunch Club",
    ];

    private static readonly string?[] PayingOrgs = ["NHS", "NHS", "Private", "Social Services", "Council", null];

    public static async Task<bool> SeedIfEmptyAsync(CustomersDbContext db, IPasswordHasher<User> hasher, IDatabaseSetup setup, CancellationToken cancellationToken)
    {
        if (await db.Tenants.AnyAsync(cancellationToken))
        {
            return false;
        }
        var now = DateTime.UtcNow;
        // All or nothing: a start interrupted half-way must not leave tenants without their users.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tenants.AddRange(
            new Tenant { Id = 1, Name = "Demo Community Transport", CreatedAt = now },
            new Tenant { Id = 2, Name = "Northside Dial-a-Ride", CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (username, role, tenantId) in DemoUsers)
        {
            var user = new User { Username = username, Role = role, TenantId = tenantId, PasswordHash = "", CreatedAt = now };
            user.PasswordHash = hasher.HashPassword(user, DemoPassword);
            db.Users.Add(user);
        }
        db.Customers.AddRange(Customers(1, now).Concat(Customers(2, now)));
        await db.SaveChangesAsync(cancellationToken);

        await setup.AfterSeedAsync(db, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Deterministic, realistic customers for one tenant.</summary>
    public static IEnumerable<Customer> Customers(int tenantId, DateTime now)
    {
        var random = new Random(tenantId * 7919);
        var towns = Towns[(tenantId - 1) % Towns.Length];
        for (var i = 0; i < CustomersPerTenant; i++)
        {
            var first = FirstNames[random.Next(FirstNames.Length)];
            var last = LastNames[random.Next(LastNames.Length)];
            var town = towns[random.Next(towns.Length)];
            // Ofcom drama numbers: mobiles 07700 900xxx, Leeds/Newcastle-area landlines 0113 496 0xxx / 0191 498 0xxx.
            var serial = ((tenantId - 1) * 500 + i).ToString("000", CultureInfo.InvariantCulture);
            var isMobile = random.Next(3) > 0;
            var phone = isMobile ? $"+447700900{serial}" : tenantId == 1 ? $"+44113496{serial.PadLeft(4, '0')}" : $"+44191498{serial.PadLeft(4, '0')}";
            var hasEmail = random.Next(2) == 0;
            var optIn = random.Next(3) == 0;
            var preference = hasEmail
                ? (isMobile ? (random.Next(2) == 0 ? ReminderPreferences.Both : ReminderPreferences.Sms) : ReminderPreferences.Email)
                : ReminderPreferences.Sms;
            var split = random.Next(10) == 0;
            var created = now.AddDays(-random.Next(1, 720)).AddMinutes(-random.Next(1440));
            var archived = random.Next(12) == 0;
            var login = random.Next(8) == 0;
            var postcode = $"{town.Outward} {random.Next(1, 10)}{(char)('A' + random.Next(0, 2))}{"BDEFGHJLNPQRSTUWXYZ"[random.Next(19)]}";
            yield return new Customer
            {
                TenantId = tenantId,
                Name = $"{first} {last}",
                Address = $"{random.Next(1, 200)} {Streets[random.Next(Streets.Length)]}",
                City = town.City,
                County = town.County,
                Postcode = postcode,
                Phone = phone,
                Email = hasEmail ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)}{i}@example.org" : null,
                PayingOrg = PayingOrgs[random.Next(PayingOrgs.Length)],
                HasSplitPayment = split,
                ProviderSplit = split ? 60m : null,
                PaymentSplit = split ? 40m : null,
                Schedule = random.Next(2) == 0 ? Schedule(random) : null,
                EmergencyContactName = random.Next(2) == 0 ? $"{FirstNames[random.Next(FirstNames.Length)]} {last}" : null,
                EmergencyContactPhone = random.Next(2) == 0 ? $"+447700900{((tenantId - 1) * 500 + 250 + i % 250).ToString("000", CultureInfo.InvariantCulture)}" : null,
                MedicalNotes = random.Next(4) == 0 ? "Type 2 diabetes; carries glucose tablets." : null,
                MedicationNotes = random.Next(5) == 0 ? "Takes warfarin: bruises easily." : null,
                DriverNotes = random.Next(4) == 0 ? "Ring the bell twice & wait: hard of hearing.\nKey safe by the door." : null,
                MobilityRequirements = random.Next(3) == 0 ? (random.Next(2) == 0 ? "Wheelchair user (folding)" : "Walking frame; needs a hand on steps") : null,
                ReminderOptIn = optIn && (preference != ReminderPreferences.Sms || isMobile),
                ReminderPreference = preference,
                IsLoginEnabled = login,
                Username = login ? $"{first.ToLowerInvariant()}.{last.ToLowerInvariant().Replace("'", "", StringComparison.Ordinal)}{i}" : null,
                Archived = archived,
                ArchivedAt = archived ? now.AddDays(-random.Next(1, 60)) : null,
                CreatedAt = created,
                UpdatedAt = created,
            };
        }
    }

    private static string Schedule(Random random)
    {
        var pickup = new TimeOnly(random.Next(7, 11), random.Next(4) * 15);
        var trip = new ScheduleDay(
            pickup.ToString("HH:mm", CultureInfo.InvariantCulture),
            pickup.AddHours(random.Next(2, 7)).ToString("HH:mm", CultureInfo.InvariantCulture),
            Destinations[random.Next(Destinations.Length)]);
        var days = random.Next(3);
        return new WeeklySchedule
        {
            Monday = trip,
            Wednesday = days > 0 ? trip : null,
            Friday = days > 1 ? trip : null,
        }.ToJson();
    }
}
