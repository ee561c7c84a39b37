using System.Collections.Frozen;
using ProactiveReissue.Monitoring.Xml;

namespace ProactiveReissue.Monitoring.Statuses;

/// <summary>
/// The one catalogue of monitoring statuses. The XSD's StatusCode enumeration carries the same texts as
/// xs:documentation (a unit test holds the two together); docs/monitoring.md says when each is emitted.
/// </summary>
public static class MonitoringStatusCatalogue
{
    /// <summary>Every status, in process order.</summary>
    public static IReadOnlyList<MonitoringStatusEntry> All { get; } =
    [
        new(MonitoringStatusCode.CaseOpened, ProcessingStatus.InProgress,
            "Сформирована проактивная заявка на переоформление в связи с изменением наименования",
            "Атаудың өзгеруіне байланысты қайта рәсімдеуге проактивті өтінім қалыптастырылды"),
        new(MonitoringStatusCode.PermitFound, ProcessingStatus.InProgress,
            "В ИС «e-license» найден разрешительный документ по услуге",
            "«e-license» АЖ-да қызмет бойынша рұқсат беру құжаты табылды"),
        new(MonitoringStatusCode.NoPermit, ProcessingStatus.Closed,
            "Разрешительный документ по услуге в ИС «e-license» не найден",
            "«e-license» АЖ-да қызмет бойынша рұқсат беру құжаты табылмады"),
        new(MonitoringStatusCode.HeadIdentified, ProcessingStatus.InProgress,
            "Первый руководитель организации определён по данным ГБД ЮЛ",
            "Ұйымның бірінші басшысы ЗТ МДҚ деректері бойынша анықталды"),
        new(MonitoringStatusCode.ExcludedDeadOrMissing, ProcessingStatus.Closed,
            "Услугополучатель исключён из списка: признан безвестно отсутствующим или объявлен умершим",
            "Қызмет алушы тізімнен шығарылды: хабар-ошарсыз кетті деп танылған немесе қайтыс болды деп жарияланған"),
        new(MonitoringStatusCode.ExcludedAbroad, ProcessingStatus.Closed,
            "Услугополучатель исключён из списка: постоянно проживает в другой стране",
            "Қызмет алушы тізімнен шығарылды: басқа елде тұрақты тұрады"),
        new(MonitoringStatusCode.ExcludedIncapacitated, ProcessingStatus.Closed,
            "Услугополучатель исключён из списка: признан судом недееспособным",
            "Қызмет алушы тізімнен шығарылды: сот шешімімен әрекетке қабілетсіз деп танылған"),
        new(MonitoringStatusCode.ExcludedImprisoned, ProcessingStatus.Closed,
            "Услугополучатель исключён из списка: находится в местах лишения свободы",
            "Қызмет алушы тізімнен шығарылды: бас бостандығынан айыру орнында жазасын өтеуде"),
        new(MonitoringStatusCode.ConsentMissing, ProcessingStatus.Closed,
            "Согласие на сбор и обработку персональных данных не подтверждено сервисом КДП",
            "Дербес деректерді жинауға және өңдеуге келісім «Дербес деректерге қол жеткізуді бақылау» сервисі арқылы расталмады"),
        new(MonitoringStatusCode.NoPhone, ProcessingStatus.Closed,
            "Абонентский номер услугополучателя в БМГ не найден",
            "Қызмет алушының абоненттік нөмірі МАБ-та табылмады"),
        new(MonitoringStatusCode.SmsSent, ProcessingStatus.InProgress,
            "Услугополучателю отправлено SMS-уведомление с запросом согласия",
            "Қызмет алушыға келісім сұралған SMS-хабарлама жіберілді"),
        new(MonitoringStatusCode.SmsResent, ProcessingStatus.InProgress,
            "Ответ не получен в течение 3 дней, SMS-уведомление отправлено повторно",
            "3 күн ішінде жауап алынбады, SMS-хабарлама қайта жіберілді"),
        new(MonitoringStatusCode.ConsentGiven, ProcessingStatus.InProgress,
            "Получен положительный ответ услугополучателя (1 — согласен)",
            "Қызмет алушыдан оң жауап алынды (1 — келісемін)"),
        new(MonitoringStatusCode.ConsentRefused, ProcessingStatus.Closed,
            "Получен отрицательный ответ услугополучателя (2 — не согласен)",
            "Қызмет алушыдан теріс жауап алынды (2 — келіспеймін)"),
        new(MonitoringStatusCode.NoReplyClosed, ProcessingStatus.Closed,
            "Ответ на повторное SMS-уведомление не получен в течение 3 дней, процесс завершён",
            "Қайта жіберілген SMS-хабарламаға 3 күн ішінде жауап алынбады, процесс аяқталды"),
        new(MonitoringStatusCode.OrdinaryProcedure, ProcessingStatus.Redirected,
            "Услуга будет оказана в общем (непроактивном) порядке в соответствии с Правилами",
            "Қызмет Қағидаларға сәйкес жалпы (проактивті емес) тәртіппен көрсетіледі"),
        new(MonitoringStatusCode.PermitReissued, ProcessingStatus.InProgress,
            "В ИС «e-license» сформирован обновлённый разрешительный документ",
            "«e-license» АЖ-да жаңартылған рұқсат беру құжаты қалыптастырылды"),
        new(MonitoringStatusCode.SduUpdated, ProcessingStatus.InProgress,
            "Обновлённые сведения услугополучателя записаны в SDU",
            "Қызмет алушы туралы жаңартылған мәліметтер SDU жүйесіне жазылды"),
        new(MonitoringStatusCode.Completed, ProcessingStatus.Completed,
            "Переоформление завершено, результат оказания услуги сформирован",
            "Қайта рәсімдеу аяқталды, қызмет көрсету нәтижесі қалыптастырылды"),
        new(MonitoringStatusCode.Error, ProcessingStatus.Error,
            "Техническая ошибка при обработке заявки, обработка будет продолжена после её устранения",
            "Өтінімді өңдеу кезінде техникалық қате орын алды, қате жойылғаннан кейін өңдеу жалғастырылады"),
    ];

    private static readonly FrozenDictionary<MonitoringStatusCode, MonitoringStatusEntry> ByCode =
        All.ToFrozenDictionary(e => e.Code);

    public static MonitoringStatusEntry Get(MonitoringStatusCode code) =>
        ByCode.TryGetValue(code, out var entry)
            ? entry
            : throw new ArgumentOutOfRangeException(nameof(code), code, "The status code is not in the monitoring catalogue.");

    /// <summary>Looks a wire code (CASE_OPENED, …) up; null when the catalogue has no such status.</summary>
    public static MonitoringStatusEntry? Find(string wireCode) =>
        WireName<MonitoringStatusCode>.TryParse(wireCode, out var code) ? Get(code) : null;
}
