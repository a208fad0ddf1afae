using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Talus.Web.Data;

/// <summary>The practice's database. One subclass per provider, each with its own migrations.</summary>
public abstract class ClinicDb(DbContextOptions options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<OpeningHours> OpeningHours => Set<OpeningHours>();
    public DbSet<Closure> Closures => Set<Closure>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Equipment> Equipment => Set<Equipment>();
    public DbSet<StaffMember> Staff => Set<StaffMember>();
    public DbSet<StaffLocation> StaffLocations => Set<StaffLocation>();
    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<AuditPatientShown> AuditPatientsShown => Set<AuditPatientShown>();
    public DbSet<PracticeSetting> Settings => Set<PracticeSetting>();
    public DbSet<Features.Scheduling.WorkPattern> WorkPatterns => Set<Features.Scheduling.WorkPattern>();
    public DbSet<Features.Scheduling.WorkException> WorkExceptions => Set<Features.Scheduling.WorkException>();
    public DbSet<Features.Scheduling.AppointmentType> AppointmentTypes => Set<Features.Scheduling.AppointmentType>();
    public DbSet<Features.Scheduling.Appointment> Appointments => Set<Features.Scheduling.Appointment>();
    public DbSet<Features.Scheduling.AppointmentEquipment> AppointmentEquipment => Set<Features.Scheduling.AppointmentEquipment>();
    public DbSet<Features.Scheduling.SlotReservation> SlotReservations => Set<Features.Scheduling.SlotReservation>();
    public DbSet<Features.Scheduling.Episode> Episodes => Set<Features.Scheduling.Episode>();
    public DbSet<Features.Scheduling.ReminderPreference> ReminderPreferences => Set<Features.Scheduling.ReminderPreference>();
    public DbSet<Features.Scheduling.OutboxMessage> Outbox => Set<Features.Scheduling.OutboxMessage>();
    public DbSet<Features.Scheduling.DeliveryLogEntry> DeliveryLog => Set<Features.Scheduling.DeliveryLogEntry>();
    public DbSet<Features.Scheduling.CalendarFeed> CalendarFeeds => Set<Features.Scheduling.CalendarFeed>();
    public DbSet<Intake> Intakes => Set<Intake>();
    public DbSet<MedicationEntry> Medications => Set<MedicationEntry>();
    public DbSet<PriorTreatment> PriorTreatments => Set<PriorTreatment>();
    public DbSet<AllergyEntry> Allergies => Set<AllergyEntry>();
    public DbSet<PatientLink> PatientLinks => Set<PatientLink>();
    public DbSet<QuestionnaireResponse> QuestionnaireResponses => Set<QuestionnaireResponse>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<ImagingStudy> ImagingStudies => Set<ImagingStudy>();
    public DbSet<ImagingGrade> ImagingGrades => Set<ImagingGrade>();
    public DbSet<LabResult> LabResults => Set<LabResult>();
    public DbSet<CandidacyAssessment> CandidacyAssessments => Set<CandidacyAssessment>();
    public DbSet<DecisionAidRecord> DecisionAids => Set<DecisionAidRecord>();
    public DbSet<Features.Plan.TreatmentPlan> TreatmentPlans => Set<Features.Plan.TreatmentPlan>();
    public DbSet<Features.Consent.ConsentTemplate> ConsentTemplates => Set<Features.Consent.ConsentTemplate>();
    public DbSet<Features.Consent.ConsentPacket> ConsentPackets => Set<Features.Consent.ConsentPacket>();
    public DbSet<Features.Consent.SignedConsent> SignedConsents => Set<Features.Consent.SignedConsent>();
    public DbSet<Features.Consent.CaliforniaNoticeCopy> CaliforniaNoticeCopies => Set<Features.Consent.CaliforniaNoticeCopy>();
    public DbSet<Features.Procedure.ProcedureRecord> Procedures => Set<Features.Procedure.ProcedureRecord>();
    public DbSet<Features.Procedure.AdverseEvent> AdverseEvents => Set<Features.Procedure.AdverseEvent>();
    public DbSet<Features.Consultations.ConsultationRequest> ConsultationRequests => Set<Features.Consultations.ConsultationRequest>();
    public DbSet<Features.Billing.BillingEntity> BillingEntities => Set<Features.Billing.BillingEntity>();
    public DbSet<Features.Billing.PriceBook> PriceBooks => Set<Features.Billing.PriceBook>();
    public DbSet<Features.Billing.PriceItem> PriceItems => Set<Features.Billing.PriceItem>();
    public DbSet<Features.Billing.Coverage> Coverages => Set<Features.Billing.Coverage>();
    public DbSet<Features.Billing.PayerRule> PayerRules => Set<Features.Billing.PayerRule>();
    public DbSet<Features.Billing.Estimate> Estimates => Set<Features.Billing.Estimate>();
    public DbSet<Features.Billing.EstimateLine> EstimateLines => Set<Features.Billing.EstimateLine>();
    public DbSet<Features.FollowUp.FollowUpVisit> FollowUpVisits => Set<Features.FollowUp.FollowUpVisit>();
    public DbSet<Features.FollowUp.ScoreRow> ScoreRows => Set<Features.FollowUp.ScoreRow>();
    public DbSet<Features.Outcomes.SurgeryRecord> Surgeries => Set<Features.Outcomes.SurgeryRecord>();
    public DbSet<Features.Billing.GfeDueItem> GfeDueItems => Set<Features.Billing.GfeDueItem>();
    public DbSet<Features.Billing.GoodFaithEstimateRecord> GoodFaithEstimates => Set<Features.Billing.GoodFaithEstimateRecord>();
    public DbSet<Features.Billing.BilledAmount> BilledAmounts => Set<Features.Billing.BilledAmount>();
    public DbSet<Features.Billing.Dispute> Disputes => Set<Features.Billing.Dispute>();
    public DbSet<Features.Instruments.OfficialInstrumentWording> OfficialWordings => Set<Features.Instruments.OfficialInstrumentWording>();
    public DbSet<Features.Auth.ApiClient> ApiClients => Set<Features.Auth.ApiClient>();
    public DbSet<Features.BulkExport.ExportJob> ExportJobs => Set<Features.BulkExport.ExportJob>();
    public DbSet<Features.BulkExport.ExportFile> ExportFiles => Set<Features.BulkExport.ExportFile>();
    public DbSet<Features.ScaleOut.DataProtectionKeyRow> DataProtectionKeys => Set<Features.ScaleOut.DataProtectionKeyRow>();
    public DbSet<Features.ScaleOut.WorkerLease> WorkerLeases => Set<Features.ScaleOut.WorkerLease>();
    public DbSet<Features.ScaleOut.RateCounter> RateCounters => Set<Features.ScaleOut.RateCounter>();
    public DbSet<Features.Outcomes.OutcomeRow> OutcomeRows => Set<Features.Outcomes.OutcomeRow>();
    public DbSet<Features.Outcomes.JointSurvival> JointSurvivals => Set<Features.Outcomes.JointSurvival>();

    /// <summary>
    /// Saves; when score rows, follow-up visits, procedures or candidacy assessments changed, rewrites those procedures'
    /// (or, for a baseline answer or a candidacy assessment, those patients') registry outcome rows in the same transaction (decision 0009 addendum), so every submit path keeps them current.
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The chart keeps the locations for a few seconds; a saved change to one drops them once it is stored.
        var locationsChanged = ChangeTracker.Entries<Location>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted);
        var saved = await SaveWithOutcomeRowsAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (locationsChanged)
        {
            Features.Patients.PatientChart.ForgetLocations();
        }
        return saved;
    }

    private async Task<int> SaveWithOutcomeRowsAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken)
    {
        // SQLite has one writer at a time: a save outside a transaction queues in the process (SqliteWriters) rather than
        // in the driver's busy loop; an explicit transaction's owner takes its turn itself (FHIR transactions).
        using var turn = Database.CurrentTransaction is null && this.IsSqlite() ? await SqliteWriters.EnterAsync(cancellationToken) : null;
        var touched = Features.Outcomes.OutcomeRows.Touched(ChangeTracker);
        if (touched.IsEmpty)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        await using var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        // The derived rows are written by their own statements (OutcomeRows.RefreshAsync), not through the change tracker.
        await Features.Outcomes.OutcomeRows.RefreshAsync(this, touched, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }
        return saved;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are UTC everywhere; SQLite forgets the kind on read, PostgreSQL refuses anything else.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
        // Enum values a query writes itself, such as the NULL of a UNION ALL arm without the column (ObservationFhir), are
        // read back as the columns store them: as text.
        configurationBuilder.DefaultTypeMapping<Talus.Clinical.Joint>().HasConversion<string>();
        configurationBuilder.DefaultTypeMapping<Talus.Clinical.Side>().HasConversion<string>();
        configurationBuilder.DefaultTypeMapping<Talus.Clinical.GradingSystem>().HasConversion<string>();
        configurationBuilder.DefaultTypeMapping<Talus.Clinical.Instruments.InstrumentId>().HasConversion<string>();
        configurationBuilder.DefaultTypeMapping<ImagingModality>().HasConversion<string>();
        configurationBuilder.Properties<string>().HaveMaxLength(400);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Location>(e =>
        {
            e.HasIndex(l => l.Name).IsUnique();
            e.HasMany(l => l.Hours).WithOne().HasForeignKey(h => h.LocationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(l => l.Closures).WithOne().HasForeignKey(c => c.LocationId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(l => l.Rooms).WithOne(r => r.Location).HasForeignKey(r => r.LocationId);
            e.HasMany(l => l.Equipment).WithOne(q => q.Location).HasForeignKey(q => q.LocationId);
        });
        builder.Entity<OpeningHours>().HasIndex(h => new { h.LocationId, h.Day }).IsUnique();
        builder.Entity<Closure>().HasIndex(c => new { c.LocationId, c.Date }).IsUnique();
        builder.Entity<Room>().HasIndex(r => new { r.LocationId, r.Name }).IsUnique();
        builder.Entity<Equipment>().HasIndex(q => new { q.LocationId, q.Name }).IsUnique();
        builder.Entity<StaffMember>(e =>
        {
            e.HasMany(s => s.Locations).WithOne().HasForeignKey(l => l.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
            e.HasIndex(s => s.UserId).IsUnique();
        });
        builder.Entity<StaffLocation>().HasKey(l => new { l.StaffMemberId, l.LocationId });

        builder.Entity<Patient>(e =>
        {
            e.HasIndex(p => p.Mrn).IsUnique();
            // The name search's order, then every column its row shows: the search reads the index alone, not a table
            // page per patient (SQLite drops a connection's page cache whenever another one writes, so each such page
            // is a read from the file again). docs/decisions/0014-read-paths.md
            e.HasIndex(p => new { p.FamilyNameKey, p.GivenNameKey, p.BirthDate, p.Id, p.Mrn, p.GivenName, p.FamilyName, p.Sex, p.PreferredLocationId })
                .HasDatabaseName("IX_Patients_NameSearch");
            e.HasIndex(p => p.BirthDate);
            e.Property(p => p.Version).IsConcurrencyToken();
            e.Ignore(p => p.FullName);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => new { a.PatientId, a.At });
            e.HasIndex(a => new { a.UserId, a.At });
            e.HasIndex(a => a.At);
            // SQLite keeps the patients shown in their own table (below); PostgreSQL in a column (PostgresClinicDb).
            e.Ignore(a => a.PatientsShown);
        });
        builder.Entity<AuditPatientShown>(e =>
        {
            e.ToTable("AuditPatientsShown");
            e.HasOne<AuditEntry>().WithMany().HasForeignKey(s => s.AuditEntryId).OnDelete(DeleteBehavior.Restrict);
            // Appended in the key's order; a patient's entries are found through AuditShownSearch (an FTS5 table the
            // migration creates), not an index here.
            e.HasKey(s => new { s.AuditEntryId, s.PatientId });
        });
        builder.Entity<Features.Instruments.OfficialInstrumentWording>(e =>
        {
            e.HasIndex(w => new { w.Instrument, w.Language }).IsUnique();
            e.Property(w => w.Language).HasMaxLength(8);
            e.Property(w => w.Json).HasMaxLength(200_000);
        });
        builder.Entity<PracticeSetting>(e =>
        {
            e.HasKey(s => s.Name);
            e.Property(s => s.Json).HasMaxLength(20000);
        });
        builder.Entity<AppUser>().HasIndex(u => u.PatientId);
        Features.Scheduling.SchedulingModel.Configure(builder);
        ClinicalRecordModel.Configure(builder);
        Features.Plan.PlanModel.Configure(builder);
        Features.Consent.ConsentModel.Configure(builder);
        Features.Consent.CaliforniaNoticeCopy.Configure(builder);
        Features.Procedure.ProcedureModel.Configure(builder);
        Features.Consultations.ConsultationModel.Configure(builder);
        Features.Billing.BillingModel.Configure(builder);
        Features.FollowUp.FollowUpModel.Configure(builder);
        Features.Outcomes.SurgeryRecord.Configure(builder);
        Features.Billing.GfeModel.Configure(builder);
        Features.Auth.ApiClient.Configure(builder);
        Features.BulkExport.ExportJob.Configure(builder);
        Features.ScaleOut.ScaleOutModel.Configure(builder);
        Features.Outcomes.OutcomeRow.Configure(builder);
        Features.Outcomes.JointSurvival.Configure(builder);
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class SqliteClinicDb(DbContextOptions<SqliteClinicDb> options) : ClinicDb(options);

public sealed class PostgresClinicDb(DbContextOptions<PostgresClinicDb> options) : ClinicDb(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Name search is a prefix LIKE on the upper-case keys, ordered by them. Under the C collation one btree serves
        // both (PostgreSQL turns the prefix into an index range only for C); otherwise it walks the index and filters.
        // docs/decisions/0014-read-paths.md
        builder.Entity<Patient>(e =>
        {
            e.Property(p => p.FamilyNameKey).UseCollation("C");
            e.Property(p => p.GivenNameKey).UseCollation("C");
        });
        // The patients a search showed: one uuid[] in its entry, found by a GIN index, instead of a row per patient with
        // two B-trees (the name search's p95 on 50,000 patients: 12-13 ms instead of 32-49). The index keeps its pending
        // list (fastupdate): turning it off cost more than the rows did. docs/decisions/0009-registry-statistics.md
        builder.Ignore<AuditPatientShown>();
        builder.Entity<AuditEntry>(e =>
        {
            e.Property(a => a.PatientsShown);
            e.HasIndex(a => a.PatientsShown).HasMethod("gin");
        });
    }
}

/// <summary>Lets <c>dotnet ef</c> build the SQLite model without starting the web host.</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqliteClinicDb>
{
    public SqliteClinicDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteClinicDb>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Lets <c>dotnet ef</c> build the PostgreSQL model without starting the web host.</summary>
public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresClinicDb>
{
    public PostgresClinicDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresClinicDb>().UseNpgsql("Host=127.0.0.1;Database=talus_design").Options);
}
