using Microsoft.AspNetCore.Mvc;
using Microsoft.FeatureManagement.Mvc;

namespace Stepwise.Sample.Web.Controllers;

/// <summary>The new checkout, only for users the <c>new-checkout</c> flag is on for (404 for everyone else).</summary>
[ApiController]
[Route("checkout")]
public sealed class CheckoutController : ControllerBase
{
    /// <summary>Served only when the flag is on.</summary>
    [HttpGet]
    [FeatureGate("new-checkout")]
    public IActionResult Get() => Ok(new { checkout = "new" });
}
