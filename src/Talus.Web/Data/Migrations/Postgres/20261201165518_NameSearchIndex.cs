using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Talus.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NameSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_FamilyNameKey_GivenNameKey",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_NameSearch",
                table: "Patients",
                columns: new[] { "FamilyNameKey", "GivenNameKey", "BirthDate", "Id", "Mrn", "GivenName", "FamilyName", "Sex", "PreferredLocationId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Patients_NameSearch",
                table: "Patients");

            migrationBuilder.CreateIndex(
                name: "IX_Patients_FamilyNameKey_GivenNameKey",
                table: "Patients",
                columns: new[] { "FamilyNameKey", "GivenNameKey" });
        }
    }
}
