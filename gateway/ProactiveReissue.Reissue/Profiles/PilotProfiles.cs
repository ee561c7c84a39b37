namespace ProactiveReissue.Reissue.Profiles;

/// <summary>The two pilot services of mission.md, with their Appendix 1 texts verbatim from the seeds.</summary>
public static class PilotProfiles
{
    public const string EcoPermit = "ECO_PERMIT_I_II";
    public const string TrustedSoftware = "TRUSTED_SOFTWARE_REGISTRY";

    /// <summary>Eco permit seed, Appendix 1 (ru).</summary>
    public const string EcoSmsRu = "Уважаемый (ая) гражданин (ка)! В случае изменений наименования услугополучателя в рамках данной государственной услуги для подтверждения Вам необходимо отправить SMS с текстом: 1 согласен(на), 2-не согласен(на). В случае возникновения вопросов можете обратиться в Единый контакт-центр по номеру 1414. Звонок бесплатный.";

    /// <summary>Eco permit seed, Appendix 1 (kk).</summary>
    public const string EcoSmsKk = "Құрметті азамат (ша)! Осы мемлекеттік қызмет шеңберінде көрсетілетін қызметті алушының атауы өзгерген жағдайда растау үшін келесі мәтіні бар SMS-ті жолдау қажет: келісемін 1, келіспеймін 2. Сұрақтар туындаған жағдайда 1414 нөмірі бойынша Бірыңғай байланыс-орталығына хабарласа аласыз. Қоңырау шалу тегін.";

    /// <summary>Trusted software seed, Appendix 1 (ru). The seed has no Kazakh text; none is invented here.</summary>
    public const string TrustedSmsRu = "Уважаемый (ая) услугополучатель! Вы являетесь потенциальным услугополучателем по оказанию процесса переоформления разрешительных документов, в случае изменения наименования услугополучателя по государственной услуге \"Включение (исключение) программного обеспечения и продукции электронной промышленности в реестр (из реестра) доверенного программного обеспечения и продукции электронной промышленности\" Министерства цифрового развития, инноваций и аэрокосмической промышленности Республики Казахстан в связи с изменением наименования услугополучателя. В случае согласия на изменения наименования услугополучателя отправьте цифру 1, если (нет) цифру 2. По всем вопросам можете обратиться в Единый контакт-центр по бесплатному номеру 1414.";

    public static IReadOnlyList<ReissueProfile> Defaults() =>
    [
        new()
        {
            ServiceCode = EcoPermit,
            Name = "Выдача экологического разрешения на воздействие для объектов I и II категории",
            PermitTypes = ["ECO_PERMIT_I", "ECO_PERMIT_II"],
            SmsTextRu = EcoSmsRu,
            SmsTextKk = EcoSmsKk,
            WhenNoPhone = FinalOutcome.End,
            WhenRefused = FinalOutcome.End,
        },
        new()
        {
            ServiceCode = TrustedSoftware,
            Name = "Включение (исключение) ПО и продукции электронной промышленности в реестр доверенного ПО",
            PermitTypes = ["TRUSTED_SOFTWARE"],
            SmsTextRu = TrustedSmsRu,
            WhenNoPhone = FinalOutcome.OrdinaryProcedure,
            WhenRefused = FinalOutcome.OrdinaryProcedure,
        },
    ];
}
