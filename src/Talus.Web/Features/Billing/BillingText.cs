using System.Globalization;

namespace Talus.Web.Features.Billing;

/// <summary>Money as people read it: integer cents shown as US dollars.</summary>
public static class BillingText
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static string Money(long cents) => (cents / 100m).ToString("$#,0.00", Us);
}
