using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConsultationsAndIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RecentFeverOrIllness",
                table: "Intakes",
                type: "INTEGER",
                nullable: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_PreferredLocationId",
                table: "ConsultationRequests",
                column: "PreferredLocationId");

            migrationBuilder.CreateIndex(
                name: "IX_ConsultationRequests_Status_ReceivedAt",
                table: "ConsultationRequests",
                columns: new[] { "Status", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConsultationRequests");

            migrationBuilder.DropColumn(
                name: "RecentFeverOrIllness",
                table: "Intakes");
        }
    }
}
