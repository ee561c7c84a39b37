namespace ProactiveReissue.Shep.Faults;

/// <summary>
/// The one catalogue of fault codes. SCE001, SCE004, SCE005–007, SCE015–017 and SCE909 follow
/// the provider table seen behind the real bus; the others are this gateway's own (the contract
/// leaves them open) and are documented in the README fault table.
/// </summary>
public static class ShepFaults
{
    public static readonly ShepFault BadFormat = new("SCE001", 400, "Неверный формат сообщения", "Invalid message format");
    public static readonly ShepFault ForbiddenXml = new("SCE002", 400, "Запрещённая конструкция XML (DTD, сущности)", "Forbidden XML construct (DTD or entity)");
    public static readonly ShepFault TooLarge = new("SCE003", 413, "Сообщение превышает допустимый размер", "Message exceeds the size limit");
    public static readonly ShepFault UnknownService = new("SCE004", 404, "Сервис не найден", "No such service");
    public static readonly ShepFault TransportSignatureStale = new("SCE005", 401, "Срок действия подписи сообщения истёк", "Transport signature is stale");
    public static readonly ShepFault TransportSignatureInvalid = new("SCE006", 401, "Подпись сообщения недействительна", "Transport signature is invalid");
    public static readonly ShepFault TransportSignatureMissing = new("SCE007", 401, "Подпись сообщения отсутствует", "Transport signature is missing");
    public static readonly ShepFault UnsupportedAlgorithm = new("SCE008", 401, "Алгоритм подписи не поддерживается", "Signature algorithm is not supported");
    public static readonly ShepFault SoapVersionMismatch = new("SCE009", 400, "Поддерживается только SOAP 1.1", "Only SOAP 1.1 envelopes are accepted");
    public static readonly ShepFault CertificateExpired = new("SCE010", 401, "Сертификат просрочен или ещё не действителен", "Certificate is expired or not yet valid");
    public static readonly ShepFault CertificateUntrusted = new("SCE011", 401, "Сертификат выдан недоверенным УЦ", "Certificate does not chain to a trusted root");
    public static readonly ShepFault CertificateRevoked = new("SCE012", 401, "Сертификат отозван", "Certificate is revoked");
    public static readonly ShepFault CertificateKeyUsage = new("SCE013", 401, "Сертификат не предназначен для подписи", "Certificate key usage does not allow signing");
    public static readonly ShepFault CertificateSubjectMismatch = new("SCE014", 403, "ИИН/БИН сертификата не совпадает с участником", "Certificate IIN/BIN does not match the participant");
    public static readonly ShepFault DataSignatureStale = new("SCE015", 401, "Срок действия подписи данных истёк", "Business-data signature is stale");
    public static readonly ShepFault DataSignatureInvalid = new("SCE016", 401, "Подпись данных недействительна", "Business-data signature is invalid");
    public static readonly ShepFault DataSignatureMissing = new("SCE017", 401, "Подпись данных отсутствует", "Business-data signature is missing");
    public static readonly ShepFault Replay = new("SCE018", 409, "Повторное сообщение (messageId уже получен)", "Replayed messageId");
    public static readonly ShepFault UnknownSender = new("SCE020", 401, "Отправитель не зарегистрирован", "Unknown sender");
    public static readonly ShepFault WrongPassword = new("SCE021", 401, "Неверный пароль отправителя", "Wrong sender password");
    public static readonly ShepFault ServiceNotAllowed = new("SCE022", 403, "Отправителю не разрешён вызов сервиса", "Sender is not allowed to call this service");
    public static readonly ShepFault ProviderTimeout = new("SCE030", 504, "Поставщик не ответил вовремя", "Provider timed out");
    public static readonly ShepFault ProviderUnavailable = new("SCE031", 502, "Поставщик недоступен", "Provider is unreachable");
    public static readonly ShepFault ProviderFault = new("SCE032", 502, "Поставщик вернул ошибку", "Provider returned a fault");
    public static readonly ShepFault ProviderBadResponse = new("SCE033", 502, "Ответ поставщика не прошёл проверку", "Provider answer failed verification");
    public static readonly ShepFault ProviderCircuitOpen = new("SCE034", 503, "Поставщик временно отключён после серии сбоев", "Provider temporarily disabled after repeated failures");
    public static readonly ShepFault QueueFull = new("SCE040", 503, "Очередь исходящих сообщений переполнена, повторите позже", "Outbound queue is full; try again later");
    public static readonly ShepFault UnknownMessage = new("SCE041", 404, "Сообщение не найдено", "No such message (messageId or correlationId)");
    public static readonly ShepFault MessageTypeRule = new("SCE042", 400, "Нарушено правило типа сообщения", "Message type rule violated (REQUEST/RESPONSE/NOTIFICATION/UPDATE)");
    public static readonly ShepFault NotAParty = new("SCE043", 403, "Участник не является стороной этого сообщения", "The caller is not a party to this message");
    public static readonly ShepFault QueueUnavailable = new("SCE044", 503, "Хранилище очереди недоступно, сообщение не принято", "The outbound queue's store is unreachable; the message was not accepted");
    public static readonly ShepFault Internal = new("SCE909", 500, "Внутренняя ошибка шлюза", "Internal gateway error");

    /// <summary>Every fault, for the README table and the metrics labels.</summary>
    public static IReadOnlyList<ShepFault> All { get; } =
    [
        BadFormat, ForbiddenXml, TooLarge, UnknownService, TransportSignatureStale, TransportSignatureInvalid,
        TransportSignatureMissing, UnsupportedAlgorithm, SoapVersionMismatch, CertificateExpired, CertificateUntrusted,
        CertificateRevoked, CertificateKeyUsage, CertificateSubjectMismatch, DataSignatureStale, DataSignatureInvalid,
        DataSignatureMissing, Replay, UnknownSender, WrongPassword, ServiceNotAllowed, ProviderTimeout,
        ProviderUnavailable, ProviderFault, ProviderBadResponse, ProviderCircuitOpen, QueueFull, UnknownMessage, MessageTypeRule, NotAParty, QueueUnavailable, Internal,
    ];

    public static ShepFault? Find(string code) => All.FirstOrDefault(f => f.Code == code);
}
