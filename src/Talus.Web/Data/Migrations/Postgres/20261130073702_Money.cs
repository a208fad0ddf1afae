using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Money : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BillingEntities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Npi = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Tin = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    AddressLine = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    City = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BillingEntities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BillingEntities_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Coverages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PayerName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coverages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Estimates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    SeriesId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    PriceBookId = table.Column<int>(type: "integer", nullable: true),
                    TreatmentPlanId = table.Column<Guid>(type: "uuid", nullable: true),
                    EpisodeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DiagnosisCodes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Coverage = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    PayerName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    TotalCents = table.Column<long>(type: "bigint", nullable: false),
                    PatientResponsibilityCents = table.Column<long>(type: "bigint", nullable: false),
                    PaymentOption = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    DiscountCents = table.Column<long>(type: "bigint", nullable: false),
                    DepositCents = table.Column<long>(type: "bigint", nullable: false),
                    InstalmentCount = table.Column<int>(type: "integer", nullable: false),
                    FirstInstalmentDue = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    PresentedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PresentedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Concurrency = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Estimates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PayerRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PayerName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ServiceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    Decision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriceBooks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    LocationId = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "date", nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActivatedBy = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    Concurrency = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceBooks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriceBooks_Locations_LocationId",
                        column: x => x.LocationId,
                        principalTable: "Locations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EstimateLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EstimateId = table.Column<Guid>(type: "uuid", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ServiceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Modifier = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    UnitCents = table.Column<long>(type: "bigint", nullable: false),
                    SeparatelyScheduled = table.Column<bool>(type: "boolean", nullable: false),
                    PayerDecision = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    PatientCents = table.Column<long>(type: "bigint", nullable: false),
                    BillingEntityId = table.Column<int>(type: "integer", nullable: true),
                    EntityName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EntityNpi = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EntityTin = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    EntityAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EntityCity = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    EntityState = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    EntityPostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EstimateLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EstimateLines_Estimates_EstimateId",
                        column: x => x.EstimateId,
                        principalTable: "Estimates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PriceItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PriceBookId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ServiceCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    UnitCents = table.Column<long>(type: "bigint", nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    BillingEntityId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PriceItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PriceItems_BillingEntities_BillingEntityId",
                        column: x => x.BillingEntityId,
                        principalTable: "BillingEntities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PriceItems_PriceBooks_PriceBookId",
                        column: x => x.PriceBookId,
                        principalTable: "PriceBooks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BillingEntities_LocationId_Npi",
                table: "BillingEntities",
                columns: new[] { "LocationId", "Npi" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Coverages_PatientId_RecordedAt",
                table: "Coverages",
                columns: new[] { "PatientId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_EstimateLines_EstimateId_Order",
                table: "EstimateLines",
                columns: new[] { "EstimateId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_PatientId_CreatedAt",
                table: "Estimates",
                columns: new[] { "PatientId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_SeriesId_Version",
                table: "Estimates",
                columns: new[] { "SeriesId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Estimates_Status_LocationId",
                table: "Estimates",
                columns: new[] { "Status", "LocationId" });

            migrationBuilder.CreateIndex(
                name: "IX_PayerRules_PayerName_Kind_ServiceCode",
                table: "PayerRules",
                columns: new[] { "PayerName", "Kind", "ServiceCode" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriceBooks_LocationId_Status_EffectiveFrom",
                table: "PriceBooks",
                columns: new[] { "LocationId", "Status", "EffectiveFrom" });

            migrationBuilder.CreateIndex(
                name: "IX_PriceBooks_LocationId_Version",
                table: "PriceBooks",
                columns: new[] { "LocationId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PriceItems_BillingEntityId",
                table: "PriceItems",
                column: "BillingEntityId");

            migrationBuilder.CreateIndex(
                name: "IX_PriceItems_PriceBookId",
                table: "PriceItems",
                column: "PriceBookId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Coverages");

            migrationBuilder.DropTable(
                name: "EstimateLines");

            migrationBuilder.DropTable(
                name: "PayerRules");

            migrationBuilder.DropTable(
                name: "PriceItems");

            migrationBuilder.DropTable(
                name: "Estimates");

            migrationBuilder.DropTable(
                name: "BillingEntities");

            migrationBuilder.DropTable(
                name: "PriceBooks");
        }
    }
}
