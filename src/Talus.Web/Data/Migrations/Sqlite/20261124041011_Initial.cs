using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppointmentTypes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcessingMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    NeedsProvider = table.Column<bool>(type: "INTEGER", nullable: false),
                    RoomKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Equipment = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PatientBookable = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartsEpisode = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReminderLeadHours = table.Column<int>(type: "INTEGER", nullable: false),
                    NameInReminder = table.Column<bool>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentTypes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    PasswordHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SecurityStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Action = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Resource = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RecordId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Endpoint = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CalendarFeeds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CalendarFeeds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CandidacyAssessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AssessedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RulesVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    InputJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    ResultJson = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    Verdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EarliestEligibleDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AssessedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OverrideVerdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OverrideReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OverriddenBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    OverriddenAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CandidacyAssessments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentPackets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    TemplateId = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionAidRecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionAidContentVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    EstimateId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EstimateVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CaliforniaNotice = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResearchConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    SectionsJson = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PreparedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PreparedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Concurrency = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentPackets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ConsentTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SectionsJson = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsentTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DecisionAids",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ContentVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    OptionsJson = table.Column<string>(type: "TEXT", maxLength: 40000, nullable: false),
                    ChosenOption = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ShownAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ShownBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionAids", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryLog",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MessageId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Succeeded = table.Column<bool>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryLog", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Episodes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndexDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Episodes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ImagingStudies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Modality = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Report = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingStudies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Intakes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetJoint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    TargetSide = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SymptomDurationMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    ConservativeCareMonths = table.Column<int>(type: "INTEGER", nullable: true),
                    PainNrsAverage = table.Column<int>(type: "INTEGER", nullable: true),
                    PainNrsWorst = table.Column<int>(type: "INTEGER", nullable: true),
                    Goals = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ActivityLevel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    SportsActive = table.Column<bool>(type: "INTEGER", nullable: true),
                    Smoking = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    HeightCm = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    WeightKg = table.Column<decimal>(type: "TEXT", precision: 6, scale: 1, nullable: true),
                    Diabetic = table.Column<bool>(type: "INTEGER", nullable: true),
                    KnownCoagulopathy = table.Column<bool>(type: "INTEGER", nullable: true),
                    PlateletDysfunction = table.Column<bool>(type: "INTEGER", nullable: true),
                    InflammatoryArthritis = table.Column<bool>(type: "INTEGER", nullable: true),
                    ActiveMalignancy = table.Column<bool>(type: "INTEGER", nullable: true),
                    HematologicOrBoneMalignancy = table.Column<bool>(type: "INTEGER", nullable: true),
                    MalignancyHistory = table.Column<bool>(type: "INTEGER", nullable: true),
                    MalignancyLastActiveOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PregnantOrBreastfeeding = table.Column<bool>(type: "INTEGER", nullable: true),
                    RecentFeverOrIllness = table.Column<bool>(type: "INTEGER", nullable: true),
                    RecentFeverOrIllnessOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CanCompleteFollowUp = table.Column<bool>(type: "INTEGER", nullable: true),
                    OtherHistory = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intakes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LabResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Loinc = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReferenceLow = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    ReferenceHigh = table.Column<decimal>(type: "TEXT", precision: 12, scale: 4, nullable: true),
                    CollectedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LabResults", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Locations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    AddressLine = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Locations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Outbox",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PatientLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TargetId = table.Column<Guid>(type: "TEXT", nullable: true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientLinks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QuestionnaireResponses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Instrument = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Context = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Visit = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EnteredBy = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AnswersJson = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    ScoresJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ScoringVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionnaireResponses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReminderPreferences",
                columns: table => new
                {
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OptedIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReminderPreferences", x => new { x.PatientId, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "Settings",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Json = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Settings", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SignedConsents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConsentPacketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SignedName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    InitialsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SignatureStrokesJson = table.Column<string>(type: "TEXT", maxLength: 200000, nullable: true),
                    Method = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Via = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IpAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AssistedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Html = table.Column<string>(type: "TEXT", maxLength: 1000000, nullable: false),
                    Pdf = table.Column<byte[]>(type: "BLOB", nullable: false),
                    HtmlSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PdfSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignedConsents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SlotReservations",
                columns: table => new
                {
                    Resource = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Bucket = table.Column<long>(type: "INTEGER", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SlotReservations", x => new { x.Resource, x.Bucket });
                });

            migrationBuilder.CreateTable(
                name: "Staff",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Credentials = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Npi = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Staff", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TreatmentPlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Alternative = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PlannedInjections = table.Column<int>(type: "INTEGER", nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PhysicalTherapy = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Orthotics = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ActivityChanges = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    WeightManagement = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecisionAidRecordId = table.Column<Guid>(type: "TEXT", nullable: true),
                    DecisionAidContentVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CandidacyAssessmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CandidacyVerdict = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TreatmentPlans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkExceptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkPatterns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkPatterns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ClaimType = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClaimValue = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    LoginProvider = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImagingGrades",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ImagingStudyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    System = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reader = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReadOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DefinitionVersion = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImagingGrades", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImagingGrades_ImagingStudies_ImagingStudyId",
                        column: x => x.ImagingStudyId,
                        principalTable: "ImagingStudies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Allergies",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Substance = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Reaction = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allergies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allergies_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Medications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Class = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Dose = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Ongoing = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastDoseOn = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Medications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Medications_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PriorTreatments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IntakeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LastOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Helped = table.Column<bool>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriorTreatments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriorTreatments_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Closures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Closures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Closures_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConsultationRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PreferredLocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Question = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ConsentToContact = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HandledNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    HandledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConsultationRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConsultationRequests_Locations_PreferredLocationId",
                        column: x => x.PreferredLocationId,
                        principalTable: "Locations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Equipment",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Equipment", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Equipment_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OpeningHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Opens = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    Closes = table.Column<TimeOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpeningHours_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Patients",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mrn = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    GivenName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FamilyName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    FamilyNameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    GivenNameKey = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sex = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AddressLine = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    City = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PreferredLanguage = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    PreferredLocationId = table.Column<int>(type: "INTEGER", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Patients", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Patients_Locations_PreferredLocationId",
                        column: x => x.PreferredLocationId,
                        principalTable: "Locations",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Rooms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rooms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rooms_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ExaminedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClinicianId = table.Column<int>(type: "INTEGER", nullable: true),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MalalignmentDegrees = table.Column<decimal>(type: "TEXT", precision: 5, scale: 1, nullable: true),
                    Alignment = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Instability = table.Column<bool>(type: "INTEGER", nullable: true),
                    MechanicalSymptoms = table.Column<bool>(type: "INTEGER", nullable: true),
                    InfectionAtSite = table.Column<bool>(type: "INTEGER", nullable: true),
                    HemodynamicInstability = table.Column<bool>(type: "INTEGER", nullable: true),
                    CanGiveInformedConsent = table.Column<bool>(type: "INTEGER", nullable: true),
                    DorsiflexionDegrees = table.Column<int>(type: "INTEGER", nullable: true),
                    PlantarflexionDegrees = table.Column<int>(type: "INTEGER", nullable: true),
                    PainAtMidRange = table.Column<bool>(type: "INTEGER", nullable: true),
                    PainNrs = table.Column<int>(type: "INTEGER", nullable: true),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Staff_ClinicianId",
                        column: x => x.ClinicianId,
                        principalTable: "Staff",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Procedures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentPacketId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PerformedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OperatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Joint = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    HarvestSite = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ProcessingSystem = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ProcessingSettings = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    HarvestVolumeMl = table.Column<decimal>(type: "TEXT", precision: 7, scale: 1, nullable: true),
                    InjectateVolumeMl = table.Column<decimal>(type: "TEXT", precision: 7, scale: 1, nullable: false),
                    NucleatedCellsMillions = table.Column<decimal>(type: "TEXT", precision: 10, scale: 2, nullable: true),
                    PlateletCountThousandsPerMicroliter = table.Column<decimal>(type: "TEXT", precision: 10, scale: 1, nullable: true),
                    ImageGuidance = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Anesthesia = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DurationMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    ExternalLot = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ExternalDonorId = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ExternalExpiry = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Complications = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Flag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IndNumber = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ClassificationJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    AfterCareJson = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Procedures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Procedures_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Procedures_Staff_OperatorId",
                        column: x => x.OperatorId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StaffLocations",
                columns: table => new
                {
                    StaffMemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StaffLocations", x => new { x.StaffMemberId, x.LocationId });
                    table.ForeignKey(
                        name: "FK_StaffLocations_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StaffLocations_Staff_StaffMemberId",
                        column: x => x.StaffMemberId,
                        principalTable: "Staff",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Appointments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    TypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProviderId = table.Column<int>(type: "INTEGER", nullable: true),
                    RoomId = table.Column<int>(type: "INTEGER", nullable: true),
                    Start = table.Column<DateTime>(type: "TEXT", nullable: false),
                    End = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Confirmed = table.Column<bool>(type: "INTEGER", nullable: false),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EpisodeStep = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    WindowStart = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    WindowEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CancelReason = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CheckedInAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appointments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appointments_AppointmentTypes_TypeId",
                        column: x => x.TypeId,
                        principalTable: "AppointmentTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Appointments_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Appointments_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Appointments_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_Appointments_Staff_ProviderId",
                        column: x => x.ProviderId,
                        principalTable: "Staff",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "AdverseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OnsetOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RelatedToProcedure = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdverseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdverseEvents_Procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "Procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AppointmentEquipment",
                columns: table => new
                {
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EquipmentId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppointmentEquipment", x => new { x.AppointmentId, x.EquipmentId });
                    table.ForeignKey(
                        name: "FK_AppointmentEquipment_Appointments_AppointmentId",
                        column: x => x.AppointmentId,
                        principalTable: "Appointments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppointmentEquipment_Equipment_EquipmentId",
                        column: x => x.EquipmentId,
                        principalTable: "Equipment",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_PatientId",
                table: "AdverseEvents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_ProcedureId",
                table: "AdverseEvents",
                column: "ProcedureId");

            migrationBuilder.CreateIndex(
                name: "IX_Allergies_IntakeId",
                table: "Allergies",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_Allergies_PatientId",
                table: "Allergies",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentEquipment_EquipmentId",
                table: "AppointmentEquipment",
                column: "EquipmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_EpisodeId",
                table: "Appointments",
                column: "EpisodeId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_LocationId",
                table: "Appointments",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_PatientId_Start",
                table: "Appointments",
                columns: new[] { "PatientId", "Start" });

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_ProviderId",
                table: "Appointments",
                column: "ProviderId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_RoomId",
                table: "Appointments",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_Start",
                table: "Appointments",
                column: "Start");

            migrationBuilder.CreateIndex(
                name: "IX_Appointments_TypeId",
                table: "Appointments",
                column: "TypeId");

            migrationBuilder.CreateIndex(
                name: "IX_AppointmentTypes_Code",
                table: "AppointmentTypes",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_PatientId",
                table: "AspNetUsers",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_PatientId_At",
                table: "AuditEntries",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_UserId_At",
                table: "AuditEntries",
                columns: new[] { "UserId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_TokenHash",
                table: "CalendarFeeds",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CandidacyAssessments_PatientId_At",
                table: "CandidacyAssessments",
                columns: new[] { "PatientId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Closures_LocationId_Date",
                table: "Closures",
                columns: new[] { "LocationId", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsentPackets_PatientId_PreparedAt",
                table: "ConsentPackets",
                columns: new[] { "PatientId", "PreparedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ConsentPackets_PlanId",
                table: "ConsentPackets",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsentTemplates_Version",
                table: "ConsentTemplates",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_PreferredLocationId",
                table: "ConsultationRequests",
                column: "PreferredLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_Status_ReceivedAt",
                table: "ConsultationRequests",
                columns: new[] { "Status", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionAids_PatientId_ShownAt",
                table: "DecisionAids",
                columns: new[] { "PatientId", "ShownAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryLog_MessageId",
                table: "DeliveryLog",
                column: "MessageId");

            migrationBuilder.CreateIndex(
                name: "IX_Equipment_LocationId_Name",
                table: "Equipment",
                columns: new[] { "LocationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ClinicianId",
                table: "Evaluations",
                column: "ClinicianId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_PatientId_ExaminedOn",
                table: "Evaluations",
                columns: new[] { "PatientId", "ExaminedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ImagingGrades_ImagingStudyId",
                table: "ImagingGrades",
                column: "ImagingStudyId");

            migrationBuilder.CreateIndex(
                name: "IX_ImagingStudies_PatientId_PerformedOn",
                table: "ImagingStudies",
                columns: new[] { "PatientId", "PerformedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_PatientId_StartedAt",
                table: "Intakes",
                columns: new[] { "PatientId", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LabResults_PatientId_Loinc_CollectedOn",
                table: "LabResults",
                columns: new[] { "PatientId", "Loinc", "CollectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Locations_Name",
                table: "Locations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Medications_IntakeId",
                table: "Medications",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_Medications_PatientId",
                table: "Medications",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_OpeningHours_LocationId_Day",
                table: "OpeningHours",
                columns: new[] { "LocationId", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_AppointmentId",
                table: "Outbox",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Status_NextAttemptAt",
                table: "Outbox",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PatientLinks_PatientId",
                table: "PatientLinks",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_PatientLinks_TokenHash",
                table: "PatientLinks",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_BirthDate",
                table: "Patients",
                column: "BirthDate");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FamilyNameKey_GivenNameKey",
                table: "Patients",
                columns: new[] { "FamilyNameKey", "GivenNameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Patients_Mrn",
                table: "Patients",
                column: "Mrn",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Patients_PreferredLocationId",
                table: "Patients",
                column: "PreferredLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorTreatments_IntakeId",
                table: "PriorTreatments",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_PriorTreatments_PatientId",
                table: "PriorTreatments",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_LocationId",
                table: "Procedures",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_OperatorId",
                table: "Procedures",
                column: "OperatorId");

            migrationBuilder.CreateIndex(
                name: "IX_Procedures_PatientId_PerformedOn",
                table: "Procedures",
                columns: new[] { "PatientId", "PerformedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionnaireResponses_PatientId_Instrument_CompletedOn",
                table: "QuestionnaireResponses",
                columns: new[] { "PatientId", "Instrument", "CompletedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_LocationId_Name",
                table: "Rooms",
                columns: new[] { "LocationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignedConsents_ConsentPacketId",
                table: "SignedConsents",
                column: "ConsentPacketId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SignedConsents_PatientId",
                table: "SignedConsents",
                column: "PatientId");

            migrationBuilder.CreateIndex(
                name: "IX_SlotReservations_AppointmentId",
                table: "SlotReservations",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_Staff_UserId",
                table: "Staff",
                column: "UserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StaffLocations_LocationId",
                table: "StaffLocations",
                column: "LocationId");

            migrationBuilder.CreateIndex(
                name: "IX_TreatmentPlans_PatientId_Joint_Side_Version",
                table: "TreatmentPlans",
                columns: new[] { "PatientId", "Joint", "Side", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkExceptions_StaffMemberId_Date",
                table: "WorkExceptions",
                columns: new[] { "StaffMemberId", "Date" });

            migrationBuilder.CreateIndex(
                name: "IX_WorkPatterns_StaffMemberId_Day",
                table: "WorkPatterns",
                columns: new[] { "StaffMemberId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdverseEvents");

            migrationBuilder.DropTable(
                name: "Allergies");

            migrationBuilder.DropTable(
                name: "AppointmentEquipment");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CalendarFeeds");

            migrationBuilder.DropTable(
                name: "CandidacyAssessments");

            migrationBuilder.DropTable(
                name: "Closures");

            migrationBuilder.DropTable(
                name: "ConsentPackets");

            migrationBuilder.DropTable(
                name: "ConsentTemplates");

            migrationBuilder.DropTable(
                name: "ConsultationRequests");

            migrationBuilder.DropTable(
                name: "DecisionAids");

            migrationBuilder.DropTable(
                name: "DeliveryLog");

            migrationBuilder.DropTable(
                name: "Episodes");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "ImagingGrades");

            migrationBuilder.DropTable(
                name: "LabResults");

            migrationBuilder.DropTable(
                name: "Medications");

            migrationBuilder.DropTable(
                name: "OpeningHours");

            migrationBuilder.DropTable(
                name: "Outbox");

            migrationBuilder.DropTable(
                name: "PatientLinks");

            migrationBuilder.DropTable(
                name: "PriorTreatments");

            migrationBuilder.DropTable(
                name: "QuestionnaireResponses");

            migrationBuilder.DropTable(
                name: "ReminderPreferences");

            migrationBuilder.DropTable(
                name: "Settings");

            migrationBuilder.DropTable(
                name: "SignedConsents");

            migrationBuilder.DropTable(
                name: "SlotReservations");

            migrationBuilder.DropTable(
                name: "StaffLocations");

            migrationBuilder.DropTable(
                name: "TreatmentPlans");

            migrationBuilder.DropTable(
                name: "WorkExceptions");

            migrationBuilder.DropTable(
                name: "WorkPatterns");

            migrationBuilder.DropTable(
                name: "Procedures");

            migrationBuilder.DropTable(
                name: "Appointments");

            migrationBuilder.DropTable(
                name: "Equipment");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "ImagingStudies");

            migrationBuilder.DropTable(
                name: "Intakes");

            migrationBuilder.DropTable(
                name: "AppointmentTypes");

            migrationBuilder.DropTable(
                name: "Patients");

            migrationBuilder.DropTable(
                name: "Rooms");

            migrationBuilder.DropTable(
                name: "Staff");

            migrationBuilder.DropTable(
                name: "Locations");
        }
    }
}
