using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Stepwise.Identity;

namespace Stepwise.Server.Hosting;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this WebApplication app)
    {
        var account = app.MapGroup("/account").ExcludeFromDescription();
        account.MapPost("/logout", async (SignInManager<StepwiseUser> signIn) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~/account/login");
        });
        account.MapGet("/sso", (SignInManager<StepwiseUser> signIn, [FromQuery] string? returnUrl) =>
        {
            var properties = signIn.ConfigureExternalAuthenticationProperties(OpenIdConnectDefaults.AuthenticationScheme, $"/account/sso-callback?returnUrl={Uri.EscapeDataString(returnUrl ?? "/")}");
            return TypedResults.Challenge(properties, [OpenIdConnectDefaults.AuthenticationScheme]);
        }).AllowAnonymous();
        account.MapGet("/sso-callback", SsoCallbackAsync).AllowAnonymous();
    }

    /// <summary>Single sign-on maps the identity provider's verified email to an existing Stepwise account; accounts are never created implicitly.</summary>
    private static async Task<IResult> SsoCallbackAsync(HttpContext context, SignInManager<StepwiseUser> signIn, UserManager<StepwiseUser> users, [FromQuery] string? returnUrl)
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null) return TypedResults.LocalRedirect("~/account/login?error=sso");
        var byLogin = await signIn.ExternalLoginSignInAsync(info.LoginProvider, info.ProviderKey, isPersistent: false);
        if (byLogin.Succeeded) return TypedResults.LocalRedirect(Local(returnUrl));
        var email = info.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value;
        var user = email is null ? null : await users.FindByEmailAsync(email);
        if (user is null)
        {
            await context.SignOutAsync(IdentityConstants.ExternalScheme);
            return TypedResults.LocalRedirect("~/account/login?error=sso-unknown");
        }
        await users.AddLoginAsync(user, info);
        await signIn.SignInAsync(user, isPersistent: false);
        return TypedResults.LocalRedirect(Local(returnUrl));
    }

    private static string Local(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? "~" + url : "~/";
}
