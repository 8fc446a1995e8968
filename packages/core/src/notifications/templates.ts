/**
 * Outgoing email and text messages, in English and Spanish: the catalog for what leaves the
 * portal (pages use the web app's catalogs). `{name}` placeholders are filled from values.
 */
export type MessageLocale = "en" | "es";

interface Template {
  subject: string;
  body: string;
}

const templates = {
  en: {
    password_reset: {
      subject: "Reset your {brand} password",
      body: "Hi {name},\n\nSomeone (we hope you) asked to reset the password of your {brand} online account. Open this link within 30 minutes to choose a new one:\n\n{url}\n\nThe link works once. If you did not ask for this, ignore this email: your password stays the same.\n\n{brand}",
    },
    password_reset_done: {
      subject: "Your {brand} password was reset",
      body: "Hi {name},\n\nYour password was reset at {time} and every device was signed out.\n\nIf you did not do this, call us at {phone} right away.\n\n{brand}",
    },
    registration_code: {
      subject: "Your {brand} verification code",
      body: "{code} is your {brand} code to create your online account. It expires in 15 minutes. Never share it: we will never call to ask for it.",
    },
    email_verification: {
      subject: "Confirm your email for {brand}",
      body: "Hi {name},\n\nConfirm that this is your email address by opening this link:\n\n{url}\n\n{brand}",
    },
    email_change_confirm: {
      subject: "Confirm your new email for {brand}",
      body: "Hi {name},\n\nYou asked to use this address to sign in to {brand}. Open this link within 24 hours to confirm it:\n\n{url}\n\nIf you did not ask for this, ignore this email.\n\n{brand}",
    },
    email_change_notice: {
      subject: "Your {brand} sign-in email is changing",
      body: "Hi {name},\n\nSomeone signed in to your {brand} account asked to change its sign-in email to {newEmail} at {time}. The change happens once the new address is confirmed.\n\nIf this was not you, change your password and call us at {phone}.\n\n{brand}",
    },
    household_invite: {
      subject: "{inviter} invited you to their {brand} account",
      body: "Hi,\n\n{inviter} invited you to join their {brand} household account with your own sign-in. Open this link within 7 days to create it:\n\n{url}\n\n{brand}",
    },
    new_device_sign_in: {
      subject: "New sign-in to your {brand} account",
      body: "Hi {name},\n\nYour account was just signed in from {device} (IP address {ip}) at {time}.\n\nIf this was you, there is nothing to do. If not, change your password now and sign out that device under Security: {url}\n\n{brand}",
    },
    password_changed: {
      subject: "Your {brand} password was changed",
      body: "Hi {name},\n\nThe password of your {brand} online account was changed at {time}. Every other signed-in device was signed out.\n\nIf you did not do this, call us at {phone} right away.\n\n{brand}",
    },
    two_factor_enabled: {
      subject: "Two-step sign-in is on",
      body: "Hi {name},\n\nTwo-step sign-in was turned on for your {brand} account at {time}. Keep your recovery codes somewhere safe.\n\nIf you did not do this, call us at {phone}.\n\n{brand}",
    },
    two_factor_disabled: {
      subject: "Two-step sign-in is off",
      body: "Hi {name},\n\nTwo-step sign-in was turned off for your {brand} account at {time}. Your account is now protected by your password alone.\n\nIf you did not do this, call us at {phone} right away.\n\n{brand}",
    },
    recovery_codes_regenerated: {
      subject: "New recovery codes for your {brand} account",
      body: "Hi {name},\n\nNew two-step recovery codes were created at {time}; the old ones no longer work.\n\nIf you did not do this, call us at {phone}.\n\n{brand}",
    },
    bill_ready: {
      subject: "Your {brand} bill is ready",
      body: "Hi {name},\n\nYour new {brand} statement is ready. Amount due: {amount}, due {due}.\n\nSee what it includes and what changed since your last bill:\n\n{url}\n\n{brand}",
    },
    bill_due_soon: {
      subject: "Your {brand} bill is due {due}",
      body: "Hi {name},\n\nA reminder that {amount} is due on {due}. Pay online in a minute:\n\n{url}\n\nIf you already paid, thank you: ignore this message.\n\n{brand}",
    },
    payment_receipt: {
      subject: "Payment received: {amount}",
      body: "Hi {name},\n\nWe received your payment of {amount} with {method}. Receipt number: {receipt}.\n\nYour receipt: {url}\n\n{brand}",
    },
    payment_failed: {
      subject: "Your {brand} automatic payment did not go through",
      body: "Hi {name},\n\nYour automatic payment of {amount} was declined. To avoid a late fee, pay with another method or update your card:\n\n{url}\n\n{brand}",
    },
    card_expiring: {
      subject: "The card you use for autopay expires soon",
      body: "Hi {name},\n\n{card}, the card your {brand} autopay uses, expires at the end of this month. Add a new card and choose it for autopay so your next payment goes through:\n\n{url}\n\n{brand}",
    },
    usage_threshold: {
      subject: "You have used {percent}% of your {brand} data",
      body: "Hi {name},\n\nYou have used {used} GB of your {cap} GB monthly data allowance ({percent}%). Your cycle ends {end}.\n\nSee your usage, a forecast for the rest of the cycle, and your alert settings:\n\n{url}\n\n{brand}",
    },
    usage_over_block: {
      subject: "You are over your {brand} data allowance",
      body: "Hi {name},\n\nYou have used {used} GB this cycle, over your {cap} GB allowance ({blocks} extra block(s) so far). Extra data is billed per block, as your usage page shows. Your cycle ends {end}.\n\n{url}\n\n{brand}",
    },
    privacy_received: {
      subject: "We received your privacy request {reference}",
      body: "Hello,\n\nWe received your request ({request}) on {received}. Reference: {reference}.\n\n{verification}\n\nWe will answer by {due}. You can follow it here: {url}\n\n{brand}",
    },
    privacy_extended: {
      subject: "Your privacy request {reference} needs more time",
      body: "Hello,\n\nWe need more time to answer your request {reference}. The law allows one extension of 45 days; our new answer date is {due}.\n\nWhy: {reason}\n\n{url}\n\n{brand}",
    },
    privacy_completed: {
      subject: "Your privacy request {reference} is complete",
      body: "Hello,\n\nYour request {reference} ({request}) is complete.\n\n{summary}\n\nSee the details: {url}\n\n{brand}",
    },
    privacy_denied: {
      subject: "About your privacy request {reference}",
      body: "Hello,\n\nWe could not carry out your request {reference} ({request}).\n\nWhy: {reason}\n\nIf you think this is wrong, reply to this email or call us at {phone}.\n\n{url}\n\n{brand}",
    },
    privacy_opt_out: {
      subject: "Your privacy choice is recorded ({reference})",
      body: "Hello,\n\nWe recorded your request ({request}) on {received} and applied it to any {brand} records that match what you gave us. Reference: {reference}.\n\n{brand}",
    },
    forward_confirm: {
      subject: "Confirm forwarding from {address}",
      body: "Hello,\n\nSomeone with the {brand} mailbox {address} wants to forward its email to this address. Mail starts arriving here only if you confirm within 7 days:\n\n{url}\n\nIf you don't know {address}, ignore this email: nothing will be forwarded.\n\n{brand}",
    },
    account_locked: {
      subject: "Your {brand} online account is locked",
      body: "Hi {name},\n\nOur support team locked the online access to your {brand} account (account {account}) at {time}. Reason: {reason}.\n\nWhile it is locked, nobody in your household can sign in, and every device was signed out. Your services keep working.\n\nCall us at {phone} to talk about it and get back in.\n\n{brand}",
    },
    account_unlocked: {
      subject: "Your {brand} online account is unlocked",
      body: "Hi {name},\n\nOur support team unlocked the online access to your {brand} account (account {account}) at {time}. You can sign in again:\n\n{url}\n\nIf you have questions, call us at {phone}.\n\n{brand}",
    },
    two_factor_reset_by_support: {
      subject: "Two-step sign-in was reset by {brand} support",
      body: "Hi {name},\n\nAt your request, our support team turned off two-step sign-in for your {brand} account at {time}, after checking who you are. Your recovery codes no longer work and every device was signed out.\n\nSign in with your password and turn two-step sign-in on again under Security: {url}\n\nIf you did not ask for this, call us at {phone} right away.\n\n{brand}",
    },
    signed_out_by_support: {
      subject: "{brand} support signed you out",
      body: "Hi {name},\n\nOur support team signed your {brand} account out of every device at {time}, to keep it safe. Sign in again with your password when you need to:\n\n{url}\n\nIf you think someone else knows your password, change it after signing in. Questions? Call us at {phone}.\n\n{brand}",
    },
    staff_invite: {
      subject: "You're invited to the {brand} staff console",
      body: "Hi {name},\n\n{inviter} invited you to the {brand} staff console as {role}. Open this link within 3 days to choose your password:\n\n{url}\n\nThen sign in with this email address; you will be asked to set up two-step sign-in with an authenticator app before you can use the console.\n\nIf you did not expect this, ignore this email.\n\n{brand}",
    },
  },
  es: {
    password_reset: {
      subject: "Restablezca su contraseña de {brand}",
      body: "Hola, {name}:\n\nAlguien (esperamos que usted) pidió restablecer la contraseña de su cuenta en línea de {brand}. Abra este enlace en los próximos 30 minutos para elegir una nueva:\n\n{url}\n\nEl enlace funciona una vez. Si no lo pidió, ignore este correo: su contraseña no cambia.\n\n{brand}",
    },
    password_reset_done: {
      subject: "Se restableció su contraseña de {brand}",
      body: "Hola, {name}:\n\nSu contraseña se restableció el {time} y se cerró la sesión en todos los dispositivos.\n\nSi no fue usted, llámenos de inmediato al {phone}.\n\n{brand}",
    },
    registration_code: {
      subject: "Su código de verificación de {brand}",
      body: "{code} es su código de {brand} para crear su cuenta en línea. Vence en 15 minutos. No lo comparta: nunca le llamaremos para pedírselo.",
    },
    email_verification: {
      subject: "Confirme su correo para {brand}",
      body: "Hola, {name}:\n\nConfirme que esta es su dirección de correo abriendo este enlace:\n\n{url}\n\n{brand}",
    },
    email_change_confirm: {
      subject: "Confirme su nuevo correo para {brand}",
      body: "Hola, {name}:\n\nPidió usar esta dirección para iniciar sesión en {brand}. Abra este enlace en las próximas 24 horas para confirmarla:\n\n{url}\n\nSi no lo pidió, ignore este correo.\n\n{brand}",
    },
    email_change_notice: {
      subject: "Su correo de inicio de sesión de {brand} va a cambiar",
      body: "Hola, {name}:\n\nAlguien con sesión en su cuenta de {brand} pidió cambiar el correo de inicio de sesión a {newEmail} el {time}. El cambio ocurre cuando se confirme la nueva dirección.\n\nSi no fue usted, cambie su contraseña y llámenos al {phone}.\n\n{brand}",
    },
    household_invite: {
      subject: "{inviter} le invitó a su cuenta de {brand}",
      body: "Hola:\n\n{inviter} le invitó a unirse a su cuenta de hogar de {brand} con su propio acceso. Abra este enlace en los próximos 7 días para crearlo:\n\n{url}\n\n{brand}",
    },
    new_device_sign_in: {
      subject: "Nuevo inicio de sesión en su cuenta de {brand}",
      body: "Hola, {name}:\n\nSe acaba de iniciar sesión en su cuenta desde {device} (dirección IP {ip}) el {time}.\n\nSi fue usted, no tiene que hacer nada. Si no, cambie su contraseña ahora y cierre la sesión de ese dispositivo en Seguridad: {url}\n\n{brand}",
    },
    password_changed: {
      subject: "Se cambió su contraseña de {brand}",
      body: "Hola, {name}:\n\nLa contraseña de su cuenta en línea de {brand} se cambió el {time}. Se cerró la sesión en todos los demás dispositivos.\n\nSi no fue usted, llámenos de inmediato al {phone}.\n\n{brand}",
    },
    two_factor_enabled: {
      subject: "El inicio de sesión en dos pasos está activado",
      body: "Hola, {name}:\n\nSe activó el inicio de sesión en dos pasos en su cuenta de {brand} el {time}. Guarde sus códigos de recuperación en un lugar seguro.\n\nSi no fue usted, llámenos al {phone}.\n\n{brand}",
    },
    two_factor_disabled: {
      subject: "El inicio de sesión en dos pasos está desactivado",
      body: "Hola, {name}:\n\nSe desactivó el inicio de sesión en dos pasos en su cuenta de {brand} el {time}. Ahora su cuenta está protegida solo por su contraseña.\n\nSi no fue usted, llámenos de inmediato al {phone}.\n\n{brand}",
    },
    recovery_codes_regenerated: {
      subject: "Nuevos códigos de recuperación para su cuenta de {brand}",
      body: "Hola, {name}:\n\nSe crearon nuevos códigos de recuperación el {time}; los anteriores ya no funcionan.\n\nSi no fue usted, llámenos al {phone}.\n\n{brand}",
    },
    bill_ready: {
      subject: "Su factura de {brand} está lista",
      body: "Hola, {name}:\n\nSu nuevo estado de cuenta de {brand} está listo. Monto a pagar: {amount}, vence el {due}.\n\nVea lo que incluye y qué cambió desde su última factura:\n\n{url}\n\n{brand}",
    },
    bill_due_soon: {
      subject: "Su factura de {brand} vence el {due}",
      body: "Hola, {name}:\n\nLe recordamos que {amount} vence el {due}. Pague en línea en un minuto:\n\n{url}\n\nSi ya pagó, gracias: ignore este mensaje.\n\n{brand}",
    },
    payment_receipt: {
      subject: "Pago recibido: {amount}",
      body: "Hola, {name}:\n\nRecibimos su pago de {amount} con {method}. Número de recibo: {receipt}.\n\nSu recibo: {url}\n\n{brand}",
    },
    payment_failed: {
      subject: "Su pago automático de {brand} no se procesó",
      body: "Hola, {name}:\n\nSu pago automático de {amount} fue rechazado. Para evitar un cargo por pago tardío, pague con otro método o actualice su tarjeta:\n\n{url}\n\n{brand}",
    },
    card_expiring: {
      subject: "La tarjeta de su pago automático vence pronto",
      body: "Hola, {name}:\n\n{card}, la tarjeta que usa su pago automático de {brand}, vence a fin de este mes. Agregue una tarjeta nueva y elíjala para el pago automático para que su próximo pago se procese:\n\n{url}\n\n{brand}",
    },
    usage_threshold: {
      subject: "Ha usado el {percent}% de sus datos de {brand}",
      body: "Hola, {name}:\n\nHa usado {used} GB de su límite mensual de {cap} GB ({percent}%). Su ciclo termina el {end}.\n\nVea su uso, un pronóstico para el resto del ciclo y sus alertas:\n\n{url}\n\n{brand}",
    },
    usage_over_block: {
      subject: "Superó su límite de datos de {brand}",
      body: "Hola, {name}:\n\nHa usado {used} GB en este ciclo, más que su límite de {cap} GB ({blocks} bloque(s) adicional(es) hasta ahora). Los datos adicionales se cobran por bloque, como muestra su página de uso. Su ciclo termina el {end}.\n\n{url}\n\n{brand}",
    },
    privacy_received: {
      subject: "Recibimos su solicitud de privacidad {reference}",
      body: "Hola:\n\nRecibimos su solicitud ({request}) el {received}. Referencia: {reference}.\n\n{verification}\n\nLe responderemos a más tardar el {due}. Puede seguirla aquí: {url}\n\n{brand}",
    },
    privacy_extended: {
      subject: "Su solicitud de privacidad {reference} necesita más tiempo",
      body: "Hola:\n\nNecesitamos más tiempo para responder su solicitud {reference}. La ley permite una prórroga de 45 días; la nueva fecha de respuesta es el {due}.\n\nMotivo: {reason}\n\n{url}\n\n{brand}",
    },
    privacy_completed: {
      subject: "Su solicitud de privacidad {reference} está completa",
      body: "Hola:\n\nSu solicitud {reference} ({request}) está completa.\n\n{summary}\n\nVea los detalles: {url}\n\n{brand}",
    },
    privacy_denied: {
      subject: "Sobre su solicitud de privacidad {reference}",
      body: "Hola:\n\nNo pudimos atender su solicitud {reference} ({request}).\n\nMotivo: {reason}\n\nSi cree que es un error, responda a este correo o llámenos al {phone}.\n\n{url}\n\n{brand}",
    },
    privacy_opt_out: {
      subject: "Registramos su elección de privacidad ({reference})",
      body: "Hola:\n\nRegistramos su solicitud ({request}) el {received} y la aplicamos a todos los registros de {brand} que coinciden con los datos que nos dio. Referencia: {reference}.\n\n{brand}",
    },
    forward_confirm: {
      subject: "Confirme el reenvío desde {address}",
      body: "Hola:\n\nAlguien con el buzón de {brand} {address} quiere reenviar su correo a esta dirección. El correo empezará a llegar aquí solo si lo confirma en un plazo de 7 días:\n\n{url}\n\nSi no conoce {address}, ignore este correo: no se reenviará nada.\n\n{brand}",
    },
    account_locked: {
      subject: "Su cuenta en línea de {brand} está bloqueada",
      body: "Hola, {name}:\n\nNuestro equipo de soporte bloqueó el acceso en línea a su cuenta de {brand} (cuenta {account}) el {time}. Motivo: {reason}.\n\nMientras esté bloqueada, nadie de su hogar puede iniciar sesión y se cerró la sesión en todos los dispositivos. Sus servicios siguen funcionando.\n\nLlámenos al {phone} para hablarlo y recuperar el acceso.\n\n{brand}",
    },
    account_unlocked: {
      subject: "Su cuenta en línea de {brand} está desbloqueada",
      body: "Hola, {name}:\n\nNuestro equipo de soporte desbloqueó el acceso en línea a su cuenta de {brand} (cuenta {account}) el {time}. Ya puede iniciar sesión de nuevo:\n\n{url}\n\nSi tiene preguntas, llámenos al {phone}.\n\n{brand}",
    },
    two_factor_reset_by_support: {
      subject: "El soporte de {brand} restableció su inicio de sesión en dos pasos",
      body: "Hola, {name}:\n\nA petición suya, nuestro equipo de soporte desactivó el inicio de sesión en dos pasos de su cuenta de {brand} el {time}, después de comprobar su identidad. Sus códigos de recuperación ya no funcionan y se cerró la sesión en todos los dispositivos.\n\nInicie sesión con su contraseña y vuelva a activar el inicio de sesión en dos pasos en Seguridad: {url}\n\nSi no lo pidió, llámenos de inmediato al {phone}.\n\n{brand}",
    },
    signed_out_by_support: {
      subject: "El soporte de {brand} cerró su sesión",
      body: "Hola, {name}:\n\nNuestro equipo de soporte cerró la sesión de su cuenta de {brand} en todos los dispositivos el {time}, para protegerla. Vuelva a iniciar sesión con su contraseña cuando lo necesite:\n\n{url}\n\nSi cree que otra persona conoce su contraseña, cámbiela después de iniciar sesión. ¿Preguntas? Llámenos al {phone}.\n\n{brand}",
    },
    staff_invite: {
      subject: "Le invitaron a la consola de personal de {brand}",
      body: "Hola, {name}:\n\n{inviter} le invitó a la consola de personal de {brand} con el rol {role}. Abra este enlace en los próximos 3 días para elegir su contraseña:\n\n{url}\n\nDespués inicie sesión con esta dirección de correo; antes de usar la consola se le pedirá configurar el inicio de sesión en dos pasos con una aplicación de autenticación.\n\nSi no esperaba este correo, ignórelo.\n\n{brand}",
    },
  },
} satisfies Record<MessageLocale, Record<string, Template>>;

export type TemplateName = keyof (typeof templates)["en"];
export const TEMPLATE_CATALOGS: Record<MessageLocale, Record<TemplateName, Template>> = templates;

export function messageLocale(locale: string | null | undefined): MessageLocale {
  return locale === "es" ? "es" : "en";
}

export function renderTemplate(
  name: TemplateName,
  locale: string | null | undefined,
  values: Record<string, string>,
): { subject: string; body: string } {
  const template = TEMPLATE_CATALOGS[messageLocale(locale)][name];
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
  return { subject: fill(template.subject), body: fill(template.body) };
}

/** A time as the reader would write it, in the account's (or provider's) time zone. */
export function formatMessageTime(when: Date, locale: string | null | undefined, timeZone: string): string {
  return new Intl.DateTimeFormat(messageLocale(locale) === "es" ? "es-US" : "en-US", {
    year: "numeric",
    month: "long",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(when);
}

type PrivacyTypeKey =
  "KNOW_CATEGORIES" | "KNOW_SPECIFIC" | "DELETE" | "CORRECT" | "OPT_OUT_SALE_SHARING" | "LIMIT_SENSITIVE";

interface PrivacyNoticeText {
  type: Record<PrivacyTypeKey, string>;
  verifying: string;
  verified: string;
  completed: Record<PrivacyTypeKey, string>;
  denial: Record<string, string>;
}

/** The pieces the privacy request emails are made of, in each language. */
export const PRIVACY_NOTICE_TEXT: Record<MessageLocale, PrivacyNoticeText> = {
  en: {
    type: {
      KNOW_CATEGORIES: "know the categories of personal information we hold",
      KNOW_SPECIFIC: "get a copy of your personal information",
      DELETE: "delete your personal information",
      CORRECT: "correct your personal information",
      OPT_OUT_SALE_SHARING: "do not sell or share my personal information",
      LIMIT_SENSITIVE: "limit the use of my sensitive personal information",
    },
    verifying:
      "Next we confirm that the request comes from you, by matching what you gave us with our records. If we need more, we will write to you.",
    verified: "Your identity is confirmed; we are working on it.",
    completed: {
      KNOW_CATEGORIES: "The categories of personal information we hold about you are ready to view.",
      KNOW_SPECIFIC: "Your copy is ready to download for 30 days after you sign in and confirm your password.",
      DELETE:
        "We deleted your personal information. Billing and payment records that the law requires us to keep were kept with your name removed; the details page says what and why.",
      CORRECT: "We corrected your information.",
      OPT_OUT_SALE_SHARING: "We do not sell or share your personal information.",
      LIMIT_SENSITIVE: "We use your sensitive personal information only as the law allows.",
    },
    denial: {
      cannot_verify: "We could not confirm that the request comes from you with the information given.",
      exception_legal_obligation: "The law requires us to keep this information.",
      exception_security: "We need this information to protect your account and our network from fraud.",
      not_a_consumer: "We hold no personal information about you as a California consumer.",
      manifestly_unfounded: "The request repeats one we already answered.",
      correction_accurate: "After review, the information we hold is accurate.",
      other: "Please see the details page or call us.",
    },
  },
  es: {
    type: {
      KNOW_CATEGORIES: "conocer las categorías de información personal que tenemos",
      KNOW_SPECIFIC: "obtener una copia de su información personal",
      DELETE: "eliminar su información personal",
      CORRECT: "corregir su información personal",
      OPT_OUT_SALE_SHARING: "no vender ni compartir mi información personal",
      LIMIT_SENSITIVE: "limitar el uso de mi información personal confidencial",
    },
    verifying:
      "Ahora confirmamos que la solicitud viene de usted, comparando los datos que nos dio con nuestros registros. Si necesitamos algo más, le escribiremos.",
    verified: "Confirmamos su identidad y estamos trabajando en su solicitud.",
    completed: {
      KNOW_CATEGORIES: "Ya puede ver las categorías de información personal que tenemos sobre usted.",
      KNOW_SPECIFIC:
        "Su copia se puede descargar durante 30 días, después de iniciar sesión y confirmar su contraseña.",
      DELETE:
        "Eliminamos su información personal. Los registros de facturación y pagos que la ley nos obliga a conservar se conservaron sin su nombre; la página de detalles explica cuáles y por qué.",
      CORRECT: "Corregimos su información.",
      OPT_OUT_SALE_SHARING: "No vendemos ni compartimos su información personal.",
      LIMIT_SENSITIVE: "Usamos su información personal confidencial solo como lo permite la ley.",
    },
    denial: {
      cannot_verify: "No pudimos confirmar que la solicitud viene de usted con los datos proporcionados.",
      exception_legal_obligation: "La ley nos obliga a conservar esta información.",
      exception_security: "Necesitamos esta información para proteger su cuenta y nuestra red contra el fraude.",
      not_a_consumer: "No tenemos información personal suya como consumidor de California.",
      manifestly_unfounded: "La solicitud repite una que ya respondimos.",
      correction_accurate: "Tras revisarla, la información que tenemos es correcta.",
      other: "Consulte la página de detalles o llámenos.",
    },
  },
};
