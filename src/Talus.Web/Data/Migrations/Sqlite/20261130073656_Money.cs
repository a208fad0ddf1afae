using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Npi = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Tin = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    AddressLine = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coverages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Estimates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SeriesId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PriceBookId = table.Column<int>(type: "INTEGER", nullable: true),
                    TreatmentPlanId = table.Column<Guid>(type: "TEXT", nullable: true),
                    EpisodeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DiagnosisCodes = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Coverage = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    TotalCents = table.Column<long>(type: "INTEGER", nullable: false),
                    PatientResponsibilityCents = table.Column<long>(type: "INTEGER", nullable: false),
                    PaymentOption = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    DiscountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    DepositCents = table.Column<long>(type: "INTEGER", nullable: false),
                    InstalmentCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstInstalmentDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    PresentedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PresentedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SupersededAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Concurrency = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Estimates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PayerRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PayerName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    Decision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PayerRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PriceBooks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LocationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EffectiveTo = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    ActivatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ActivatedBy = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    Concurrency = table.Column<Guid>(type: "TEXT", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    EstimateId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Modifier = table.Column<string>(type: "TEXT", maxLength: 4, nullable: true),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    UnitCents = table.Column<long>(type: "INTEGER", nullable: false),
                    SeparatelyScheduled = table.Column<bool>(type: "INTEGER", nullable: false),
                    PayerDecision = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    PatientCents = table.Column<long>(type: "INTEGER", nullable: false),
                    BillingEntityId = table.Column<int>(type: "INTEGER", nullable: true),
                    EntityName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EntityNpi = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EntityTin = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    EntityAddress = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EntityCity = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    EntityState = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    EntityPostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false)
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PriceBookId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Product = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ServiceCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    UnitCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    BillingEntityId = table.Column<int>(type: "INTEGER", nullable: false)
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
