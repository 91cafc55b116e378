<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Roles</name>
    <message>
        <location filename="../ui/common/roles.cpp" line="23"/>
        <source>administrator</source>
        <translation>administrateur</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="25"/>
        <source>operator</source>
        <translation>opérateur</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="27"/>
        <source>viewer</source>
        <translation>consultation</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="31"/>
        <source>not connected</source>
        <translation>non connecté</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="37"/>
        <source>Connect to a node first.</source>
        <translation>Connectez-vous d&apos;abord à un nœud.</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="38"/>
        <source>Your access token has the %1 role; this needs the %2 role. Ask an administrator for a token with that role.</source>
        <translation>Votre jeton d&apos;accès a le rôle %1 ; cette action nécessite le rôle %2. Demandez à un administrateur un jeton avec ce rôle.</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../ui/common/states.cpp" line="94"/>
        <source>Healthy</source>
        <translation>Opérationnel</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="96"/>
        <source>Warning</source>
        <translation>Avertissement</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="98"/>
        <source>Critical</source>
        <translation>Critique</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="100"/>
        <source>Paused</source>
        <translation>En pause</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="101"/>
        <source>No data</source>
        <translation>Aucune donnée</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="107"/>
        <source>Closed</source>
        <translation>Fermé</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="109"/>
        <source>Half-open (probing)</source>
        <translation>Semi-ouvert (test en cours)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="111"/>
        <source>Open (paused)</source>
        <translation>Ouvert (en pause)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="112"/>
        <source>Unknown</source>
        <translation>Inconnu</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="118"/>
        <source>Delivered</source>
        <translation>Livrée</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="120"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="122"/>
        <source>Retrying</source>
        <translation>Nouvelle tentative</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="124"/>
        <location filename="../ui/common/states.cpp" line="143"/>
        <source>Failed</source>
        <translation>Échec</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="126"/>
        <source>Dead letter</source>
        <translation>Non livrée</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="128"/>
        <source>Replayed</source>
        <translation>Rejouée</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="137"/>
        <source>Connected</source>
        <translation>Connecté</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="139"/>
        <source>Connecting</source>
        <translation>Connexion en cours</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="141"/>
        <source>Reconnecting</source>
        <translation>Reconnexion en cours</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="147"/>
        <source>Disconnected</source>
        <translation>Déconnecté</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="153"/>
        <source>Acknowledged</source>
        <translation>Prise en charge</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="155"/>
        <source>Resolved</source>
        <translation>Résolue</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="156"/>
        <source>Firing</source>
        <translation>Active</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::AlertsModel</name>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="51"/>
        <source>Acknowledged by %1</source>
        <translation>Prise en charge par %1</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="82"/>
        <source>Severity</source>
        <translation>Gravité</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="84"/>
        <source>Integration</source>
        <translation>Intégration</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="86"/>
        <source>Alert</source>
        <translation>Alerte</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="88"/>
        <source>Raised</source>
        <translation>Déclenchée</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="90"/>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::AttemptsModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="186"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="203"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="205"/>
        <source>Target</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="207"/>
        <source>Event type</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="209"/>
        <source>Outcome</source>
        <translation>Résultat</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="211"/>
        <source>Response</source>
        <translation>Réponse</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="213"/>
        <source>Latency</source>
        <translation>Latence</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="215"/>
        <source>Error</source>
        <translation>Erreur</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeadLettersModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="270"/>
        <source>Failed at</source>
        <translation>Échec le</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="272"/>
        <source>Target</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="274"/>
        <source>Event type</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="276"/>
        <source>Attempts</source>
        <translation>Tentatives</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="278"/>
        <source>Last response</source>
        <translation>Dernière réponse</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="280"/>
        <source>Reason</source>
        <translation>Motif</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="282"/>
        <source>State</source>
        <translation>État</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeliveriesPage</name>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="96"/>
        <source>Delivery targets</source>
        <translation>Destinations de livraison</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="97"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="118"/>
        <source>Recent attempts</source>
        <translation>Tentatives récentes</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="98"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="119"/>
        <source>Dead letters</source>
        <translation>Envois non livrés</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="99"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="300"/>
        <source>&amp;Disable subscription</source>
        <translation>&amp;Désactiver l&apos;abonnement</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="100"/>
        <source>&amp;Replay selected</source>
        <translation>&amp;Rejouer la sélection</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="101"/>
        <source>Re&amp;deliver</source>
        <translation>Re&amp;livrer</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="102"/>
        <source>Re&amp;fresh</source>
        <translation>Actuali&amp;ser</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="107"/>
        <source>Load targets, attempts and dead letters again</source>
        <translation>Recharger les destinations, les tentatives et les envois non livrés</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="121"/>
        <source>Targets</source>
        <translation>Destinations</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="190"/>
        <source>Loading delivery targets</source>
        <translation>Chargement des destinations de livraison</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="207"/>
        <source>Loading dead letters</source>
        <translation>Chargement des envois non livrés</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="242"/>
        <source>Loading delivery attempts</source>
        <translation>Chargement des tentatives de livraison</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="287"/>
        <source>Replay the selected dead letters as one tracked job</source>
        <translation>Rejouer les envois sélectionnés en une seule tâche suivie</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="290"/>
        <source>A replay job is running</source>
        <translation>Une tâche de rejeu est en cours</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="291"/>
        <source>Select one or more dead letters</source>
        <translation>Sélectionnez un ou plusieurs envois non livrés</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="293"/>
        <source>Deliver the selected dead letter again now</source>
        <translation>Relivrer maintenant l&apos;envoi sélectionné</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="296"/>
        <source>Select exactly one dead letter</source>
        <translation>Sélectionnez un seul envoi non livré</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="300"/>
        <source>&amp;Enable subscription</source>
        <translation>&amp;Activer l&apos;abonnement</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="302"/>
        <source>Stop delivering to the selected target</source>
        <translation>Ne plus livrer à la destination sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="303"/>
        <source>Resume delivering to the selected target</source>
        <translation>Reprendre les livraisons vers la destination sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="306"/>
        <source>Select a target</source>
        <translation>Sélectionnez une destination</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="320"/>
        <source>Replaying %n dead letter(s)…</source>
        <translation>
            <numerusform>Rejeu de %n envoi non livré…</numerusform>
            <numerusform>Rejeu de %n envois non livrés…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="321"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="334"/>
        <source>Cancelling the replay</source>
        <translation>Annulation du rejeu</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="344"/>
        <source>Replaying dead letters</source>
        <translation>Rejeu des envois non livrés</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="346"/>
        <source>Replay cancelled after %n delivery(ies).</source>
        <translation>
            <numerusform>Rejeu annulé après %n livraison.</numerusform>
            <numerusform>Rejeu annulé après %n livraisons.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="348"/>
        <source>Replay interrupted after %n delivery(ies): the node running it stopped. Replay the remaining dead letters again.</source>
        <translation>
            <numerusform>Rejeu interrompu après %n livraison : le nœud qui l’exécutait s’est arrêté. Rejouez à nouveau les envois non livrés restants.</numerusform>
            <numerusform>Rejeu interrompu après %n livraisons : le nœud qui l’exécutait s’est arrêté. Rejouez à nouveau les envois non livrés restants.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="353"/>
        <source>Replay %1: %2 delivered again, %3 failed.</source>
        <translation>Rejeu %1 : %2 relivrés, %3 en échec.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="354"/>
        <source>finished</source>
        <translation>terminé</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="354"/>
        <source>failed</source>
        <translation>en échec</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="381"/>
        <source>Redelivering</source>
        <translation>Relivraison</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="384"/>
        <source>Redelivery queued.</source>
        <translation>Relivraison mise en file.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="406"/>
        <source>Disabling the subscription</source>
        <translation>Désactivation de l&apos;abonnement</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="407"/>
        <source>Enabling the subscription</source>
        <translation>Activation de l&apos;abonnement</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeliveryModels</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="49"/>
        <source>no response</source>
        <translation>aucune réponse</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventExporter</name>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="56"/>
        <source>An export is already running.</source>
        <translation>Une exportation est déjà en cours.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="61"/>
        <source>Cannot write %1: %2</source>
        <translation>Impossible d&apos;écrire %1 : %2</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="79"/>
        <source>Export cancelled.</source>
        <translation>Exportation annulée.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="110"/>
        <source>Writing %1 failed: %2</source>
        <translation>L&apos;écriture de %1 a échoué : %2</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventStreamModel</name>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="138"/>
        <source>Seq</source>
        <translation>N°</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="140"/>
        <source>Time</source>
        <translation>Heure</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="142"/>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="144"/>
        <source>Event type</source>
        <translation>Type d&apos;événement</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="146"/>
        <source>Wedding</source>
        <translation>Mariage</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="148"/>
        <source>Details</source>
        <translation>Détails</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventsPage</name>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="82"/>
        <source>any source</source>
        <translation>toutes les sources</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="82"/>
        <source>Source filter</source>
        <translation>Filtre par source</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="83"/>
        <source>any type</source>
        <translation>tous les types</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="83"/>
        <source>Event type filter</source>
        <translation>Filtre par type d&apos;événement</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="88"/>
        <source>Jump to &amp;live</source>
        <translation>Revenir au &amp;direct</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="89"/>
        <source>Load &amp;older</source>
        <translation>Charger les &amp;précédents</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="90"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xporter…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="98"/>
        <source>any channel</source>
        <translation>tous les canaux</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="99"/>
        <source>Channel filter</source>
        <translation>Filtre par canal</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="101"/>
        <source>any wedding</source>
        <translation>tous les mariages</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="102"/>
        <source>Wedding filter</source>
        <translation>Filtre par mariage</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="104"/>
        <source>search text in events</source>
        <translation>rechercher du texte dans les événements</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="105"/>
        <source>Free text filter</source>
        <translation>Filtre en texte libre</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="115"/>
        <source>&amp;Source:</source>
        <translation>&amp;Source :</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="116"/>
        <source>T&amp;ype:</source>
        <translation>T&amp;ype :</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="117"/>
        <source>C&amp;hannel:</source>
        <translation>&amp;Canal :</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="118"/>
        <source>&amp;Wedding:</source>
        <translation>&amp;Mariage :</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="119"/>
        <source>&amp;Text:</source>
        <translation>&amp;Texte :</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="132"/>
        <source>Live events</source>
        <translation>Événements en direct</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="143"/>
        <source>Follow new events again (End)</source>
        <translation>Suivre de nouveau les nouveaux événements (Fin)</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="144"/>
        <source>Fetch older matching events from the node</source>
        <translation>Récupérer auprès du nœud les événements antérieurs correspondants</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="145"/>
        <source>Save the rows shown (with the current filter) as JSON Lines or CSV</source>
        <translation>Enregistrer les lignes affichées (avec le filtre actuel) en JSON Lines ou CSV</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="146"/>
        <source>Stream status</source>
        <translation>État du flux</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="153"/>
        <source>Event detail</source>
        <translation>Détail de l&apos;événement</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="154"/>
        <source>Select an event to see it in full.</source>
        <translation>Sélectionnez un événement pour le voir en entier.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="158"/>
        <source>Correlation chain</source>
        <translation>Chaîne de corrélation</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="159"/>
        <source>Events caused by the same original event; press Enter on one to open it</source>
        <translation>Événements issus du même événement d&apos;origine ; appuyez sur Entrée sur l&apos;un d&apos;eux pour l&apos;ouvrir</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="176"/>
        <source>&amp;Event</source>
        <translation>&amp;Événement</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="178"/>
        <source>Correlation &amp;chain</source>
        <translation>&amp;Chaîne de corrélation</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="232"/>
        <source>Exported %n event(s).</source>
        <translation>
            <numerusform>%n événement exporté.</numerusform>
            <numerusform>%n événements exportés.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="397"/>
        <source>No node selected.</source>
        <translation>Aucun nœud sélectionné.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="399"/>
        <source>Waiting for the node connection…</source>
        <translation>En attente de la connexion au nœud…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="401"/>
        <source>Following live · %n event(s) held</source>
        <translation>
            <numerusform>Suivi en direct · %n événement en mémoire</numerusform>
            <numerusform>Suivi en direct · %n événements en mémoire</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="403"/>
        <source>Paused · %n event(s) held · scroll to the end or press End to follow again</source>
        <translation>
            <numerusform>En pause · %n événement en mémoire · allez à la fin ou appuyez sur Fin pour reprendre le suivi</numerusform>
            <numerusform>En pause · %n événements en mémoire · allez à la fin ou appuyez sur Fin pour reprendre le suivi</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="407"/>
        <source>(%n older event(s) dropped from memory; Load older fetches them again)</source>
        <translation>
            <numerusform>(%n événement ancien retiré de la mémoire ; « Charger les précédents » le récupère)</numerusform>
            <numerusform>(%n événements anciens retirés de la mémoire ; « Charger les précédents » les récupère)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="427"/>
        <location filename="../ui/events/eventspage.cpp" line="464"/>
        <source>No older events match the filter.</source>
        <translation>Aucun événement antérieur ne correspond au filtre.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="445"/>
        <source>Loading older events</source>
        <translation>Chargement des événements précédents</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="465"/>
        <source>No matching events in journal entries %1 to %2; Load older looks further back.</source>
        <translation>Aucun événement correspondant dans les entrées %1 à %2 du journal ; « Charger les précédents » remonte plus loin.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="471"/>
        <source>The stream holds as many events as its row cap allows; raise the cap in Settings to keep more.</source>
        <translation>Le flux contient déjà autant d&apos;événements que sa limite de lignes le permet ; augmentez la limite dans Paramètres pour en garder davantage.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="496"/>
        <source>Loading the correlation chain</source>
        <translation>Chargement de la chaîne de corrélation</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="517"/>
        <source>#%1  %2  from %3</source>
        <translation>#%1  %2  de %3</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="527"/>
        <source>This event</source>
        <translation>Cet événement</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="532"/>
        <source>No related events.</source>
        <translation>Aucun événement lié.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="561"/>
        <source>Loading event #%1</source>
        <translation>Chargement de l&apos;événement n° %1</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="579"/>
        <source>Exporting events…</source>
        <translation>Exportation des événements…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="579"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="592"/>
        <source>Export events</source>
        <translation>Exporter les événements</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="593"/>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::HealthModel</name>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="133"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="140"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="144"/>
        <source>no data</source>
        <translation>aucune donnée</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/healthmodel.cpp" line="145"/>
        <source>%n minute(s), latest %1</source>
        <translation>
            <numerusform>%n minute, dernière valeur %1</numerusform>
            <numerusform>%n minutes, dernière valeur %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="151"/>
        <source>Events per minute over the last hour</source>
        <translation>Événements par minute sur la dernière heure</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="207"/>
        <source>Vendor</source>
        <translation>Prestataire</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="209"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="211"/>
        <source>State</source>
        <translation>État</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="213"/>
        <source>Score</source>
        <translation>Score</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="215"/>
        <source>Success rate</source>
        <translation>Taux de réussite</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="217"/>
        <source>p95 latency</source>
        <translation>Latence p95</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="219"/>
        <source>Circuit</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="221"/>
        <source>Last event</source>
        <translation>Dernier événement</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="223"/>
        <source>Last hour</source>
        <translation>Dernière heure</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::HealthPage</name>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="61"/>
        <location filename="../ui/health/healthpage.cpp" line="94"/>
        <source>Integrations</source>
        <translation>Intégrations</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="62"/>
        <location filename="../ui/health/healthpage.cpp" line="101"/>
        <source>Alerts</source>
        <translation>Alertes</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="63"/>
        <source>Recent failures</source>
        <translation>Échecs récents</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="64"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Prendre en charge</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="86"/>
        <source>Filter integrations (vendor, type, state…)</source>
        <translation>Filtrer les intégrations (prestataire, type, état…)</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="87"/>
        <source>Filter integrations</source>
        <translation>Filtrer les intégrations</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="111"/>
        <source>Recent failures of the selected integration</source>
        <translation>Échecs récents de l&apos;intégration sélectionnée</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="178"/>
        <source>Loading integrations</source>
        <translation>Chargement des intégrations</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="200"/>
        <source>Loading alerts</source>
        <translation>Chargement des alertes</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="234"/>
        <source>Loading the failures of %1</source>
        <translation>Chargement des échecs de %1</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="279"/>
        <source>Acknowledge the selected alert: you are looking into it</source>
        <translation>Prendre en charge l&apos;alerte sélectionnée : indique que vous vous en occupez</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="282"/>
        <source>Select a firing alert to acknowledge it</source>
        <translation>Sélectionnez une alerte active pour la prendre en charge</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="301"/>
        <source>Acknowledging the alert</source>
        <translation>Prise en charge de l&apos;alerte</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="80"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="237"/>
        <source>Demo traffic</source>
        <translation>Trafic de démonstration</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="104"/>
        <source>&amp;Demo traffic</source>
        <translation>Trafic de &amp;démonstration</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="108"/>
        <source>Send simulated vendor webhooks to the embedded engine</source>
        <translation>Envoyer des webhooks simulés de prestataires au moteur intégré</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="199"/>
        <source>The configured webhook port was taken; the ingress listens on 127.0.0.1:%1</source>
        <translation>Le port de webhooks configuré était occupé ; l’entrée écoute sur 127.0.0.1:%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="200"/>
        <source>The webhook ingress listens on port %1</source>
        <translation>L’entrée des webhooks écoute sur le port %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="208"/>
        <source>Demo traffic needs the embedded engine and its webhook ingress</source>
        <translation>Le trafic de démonstration nécessite le moteur intégré et son entrée de webhooks</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="215"/>
        <source>Demo traffic could not start: %1</source>
        <translation>Impossible de démarrer le trafic de démonstration : %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="217"/>
        <source>Demo traffic running: simulated webhooks to port %1</source>
        <translation>Trafic de démonstration en cours : webhooks simulés vers le port %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="223"/>
        <source>Demo traffic stopped</source>
        <translation>Trafic de démonstration arrêté</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="238"/>
        <source>Welcome to WedSync Console. Send simulated webhooks from wedding vendors (payments, bookings, enquiries) to the embedded engine, so that every dashboard has something to show? You can stop it at any time with File &gt; Demo traffic.</source>
        <translation>Bienvenue dans la Console WedSync. Envoyer des webhooks simulés de prestataires de mariage (paiements, réservations, demandes) au moteur intégré, pour que chaque tableau de bord ait quelque chose à afficher ? Vous pouvez l’arrêter à tout moment avec Fichier &gt; Trafic de démonstration.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="243"/>
        <source>Start demo traffic</source>
        <translation>Démarrer le trafic de démonstration</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="244"/>
        <source>Not now</source>
        <translation>Pas maintenant</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="42"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="187"/>
        <source>WedSync Console</source>
        <translation>Console WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="48"/>
        <source>Dashboards</source>
        <translation>Tableaux de bord</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Health</source>
        <translation>Santé</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Events</source>
        <translation>Événements</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Deliveries</source>
        <translation>Livraisons</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Nodes</source>
        <translation>Nœuds</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="54"/>
        <source>Integration health and alerts (Ctrl+1)</source>
        <translation>Santé des intégrations et alertes (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="54"/>
        <source>Live event stream (Ctrl+2)</source>
        <translation>Flux d&apos;événements en direct (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="55"/>
        <source>Deliveries, attempts and dead letters (Ctrl+3)</source>
        <translation>Livraisons, tentatives et envois non livrés (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="56"/>
        <source>Connected nodes (Ctrl+4)</source>
        <translation>Nœuds connectés (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="78"/>
        <source>Engine</source>
        <translation>Moteur</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="99"/>
        <source>&amp;File</source>
        <translation>&amp;Fichier</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="100"/>
        <source>&amp;Export events…</source>
        <translation>&amp;Exporter les événements…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Paramètres…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="115"/>
        <source>&amp;Quit</source>
        <translation>&amp;Quitter</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="118"/>
        <source>&amp;View</source>
        <translation>&amp;Affichage</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Health</source>
        <translation>&amp;Santé</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Events</source>
        <translation>&amp;Événements</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Deliveries</source>
        <translation>&amp;Livraisons</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Nodes</source>
        <translation>&amp;Nœuds</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="127"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrer</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="129"/>
        <source>Jump to &amp;live</source>
        <translation>Revenir au &amp;direct</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="135"/>
        <source>Load &amp;older events</source>
        <translation>Charger les événements &amp;précédents</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="137"/>
        <source>&amp;Refresh</source>
        <translation>Actua&amp;liser</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="143"/>
        <source>&amp;Help</source>
        <translation>&amp;Aide</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="144"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Raccourcis &amp;clavier</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="146"/>
        <source>&amp;About WedSync Console</source>
        <translation>À &amp;propos de Console WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="148"/>
        <source>About WedSync Console</source>
        <translation>À propos de Console WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="149"/>
        <source>WedSync Console %1
Integration health, live events and deliveries for wedding vendor integrations.</source>
        <translation>Console WedSync %1
Santé des intégrations, événements en direct et livraisons pour les intégrations des prestataires de mariage.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="176"/>
        <source>Starting the embedded engine…</source>
        <translation>Démarrage du moteur intégré…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="181"/>
        <source>Embedded engine (schema %1)</source>
        <translation>Moteur intégré (schéma %1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="186"/>
        <source>Embedded engine stopped: %1</source>
        <translation>Moteur intégré arrêté : %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="188"/>
        <source>The embedded engine could not start.

%1: %2</source>
        <translation>Le moteur intégré n&apos;a pas pu démarrer.

%1 : %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow/mainwindow.cpp" line="193"/>
        <source>Watching %n remote node(s)</source>
        <translation>
            <numerusform>Surveillance de %n nœud distant</numerusform>
            <numerusform>Surveillance de %n nœuds distants</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="281"/>
        <source>The new language applies the next time the console starts.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage de la console.</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MemoryTokenStore</name>
    <message>
        <location filename="../ui/nodes/tokenstore.cpp" line="53"/>
        <source>No token saved for %1</source>
        <translation>Aucun jeton enregistré pour %1</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MessageBar</name>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="16"/>
        <source>Message</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="19"/>
        <source>Dismiss</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="20"/>
        <source>Hide this message</source>
        <translation>Masquer ce message</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="32"/>
        <source>%1: the node refused because your access token&apos;s role does not allow it (FORBIDDEN). %2</source>
        <translation>%1 : le nœud a refusé car le rôle de votre jeton d&apos;accès ne le permet pas (FORBIDDEN). %2</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="35"/>
        <source>%1: the node is not connected. The console reconnects by itself; try again when it shows Connected.</source>
        <translation>%1 : le nœud n&apos;est pas connecté. La console se reconnecte d&apos;elle-même ; réessayez quand elle affiche « Connecté ».</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="39"/>
        <source>%1: the node did not answer in time. Try again.</source>
        <translation>%1 : le nœud n&apos;a pas répondu à temps. Réessayez.</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="40"/>
        <source>%1 failed (%2): %3</source>
        <translation>%1 : échec (%2) : %3</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodeStatusWidget</name>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="17"/>
        <source>Node connections</source>
        <translation>Connexions aux nœuds</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="42"/>
        <source>No node connected</source>
        <translation>Aucun nœud connecté</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="55"/>
        <source>embedded</source>
        <translation>intégré</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="56"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="58"/>
        <source>lag %1 ms</source>
        <translation>latence %1 ms</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="60"/>
        <source>reconnected %n time(s)</source>
        <translation>
            <numerusform>reconnecté %n fois</numerusform>
            <numerusform>reconnecté %n fois</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodesModel</name>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="47"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n seconde</numerusform>
            <numerusform>%n secondes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="49"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="51"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="52"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n jour</numerusform>
            <numerusform>%n jours</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="66"/>
        <source>Embedded engine</source>
        <translation>Moteur intégré</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="66"/>
        <source>%1 (embedded)</source>
        <translation>%1 (intégré)</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="73"/>
        <source>%1: %2</source>
        <translation>%1 : %2</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="85"/>
        <source>%1 events/s</source>
        <translation>%1 événements/s</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="101"/>
        <source>Node</source>
        <translation>Nœud</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="103"/>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="105"/>
        <source>Connection</source>
        <translation>Connexion</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="107"/>
        <source>Your role</source>
        <translation>Votre rôle</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="109"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="111"/>
        <source>Uptime</source>
        <translation>Disponibilité</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="113"/>
        <source>Database</source>
        <translation>Base de données</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="115"/>
        <source>Throughput</source>
        <translation>Débit</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="117"/>
        <source>Reconnections</source>
        <translation>Reconnexions</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodesPage</name>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="29"/>
        <source>&amp;Connect</source>
        <translation>&amp;Connecter</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="30"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Déconnecter</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="31"/>
        <source>Show on &amp;dashboards</source>
        <translation>Afficher dans les &amp;tableaux de bord</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="34"/>
        <source>Nodes</source>
        <translation>Nœuds</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="41"/>
        <source>Node address</source>
        <translation>Adresse du nœud</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="43"/>
        <location filename="../ui/nodes/nodespage.cpp" line="44"/>
        <source>Access token</source>
        <translation>Jeton d&apos;accès</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="45"/>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Conservé dans le trousseau du système, jamais dans le fichier de paramètres.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="46"/>
        <source>Connect to this node and remember it</source>
        <translation>Se connecter à ce nœud et le mémoriser</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="48"/>
        <source>&amp;Address:</source>
        <translation>&amp;Adresse :</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="49"/>
        <source>&amp;Token:</source>
        <translation>&amp;Jeton :</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="63"/>
        <source>Connected nodes</source>
        <translation>Nœuds connectés</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="66"/>
        <location filename="../ui/nodes/nodespage.cpp" line="111"/>
        <source>Disconnect from the selected node and forget it</source>
        <translation>Se déconnecter du nœud sélectionné et l&apos;oublier</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="67"/>
        <source>Show the selected node on the Health, Events and Deliveries pages</source>
        <translation>Afficher le nœud sélectionné dans les pages Santé, Événements et Livraisons</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="109"/>
        <source>The embedded engine runs inside this console and cannot be disconnected</source>
        <translation>Le moteur intégré fonctionne dans cette console et ne peut pas être déconnecté</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="134"/>
        <source>Connected to %1, but the token could not be saved in the system keychain (%2). You will be asked for it again next time.</source>
        <translation>Connecté à %1, mais le jeton n&apos;a pas pu être enregistré dans le trousseau du système (%2). Il vous sera redemandé la prochaine fois.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="144"/>
        <source>Enter the node&apos;s address as ws://host:port or wss://host:port.</source>
        <translation>Saisissez l&apos;adresse du nœud sous la forme ws://hôte:port ou wss://hôte:port.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="149"/>
        <source>Enter the access token the node&apos;s administrator gave you (wedsync-node token create).</source>
        <translation>Saisissez le jeton d&apos;accès que l&apos;administrateur du nœud vous a remis (wedsync-node token create).</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="188"/>
        <source>No saved token for %1 (%2). Enter it above to reconnect.</source>
        <translation>Aucun jeton enregistré pour %1 (%2). Saisissez-le ci-dessus pour vous reconnecter.</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="19"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="20"/>
        <source>System language</source>
        <translation>Langue du système</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="26"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="32"/>
        <source>Events kept in memory</source>
        <translation>Événements conservés en mémoire</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="33"/>
        <source>Older events are dropped from memory and can be loaded again from the node.</source>
        <translation>Les événements les plus anciens sont retirés de la mémoire et peuvent être rechargés depuis le nœud.</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="35"/>
        <source>A new language applies the next time the console starts.</source>
        <translation>La nouvelle langue s&apos;appliquera au prochain démarrage de la console.</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="38"/>
        <source>&amp;Language:</source>
        <translation>&amp;Langue :</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="40"/>
        <source>&amp;Events kept in memory:</source>
        <translation>&amp;Événements conservés en mémoire :</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::ShortcutsDialog</name>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="14"/>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="22"/>
        <source>Keyboard shortcuts</source>
        <translation>Raccourcis clavier</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="17"/>
        <source>Keys</source>
        <translation>Touches</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="17"/>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="36"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Maj+Tab</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="36"/>
        <source>Move between controls</source>
        <translation>Passer d&apos;une commande à l&apos;autre</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="37"/>
        <source>Arrow keys, Page Up, Page Down</source>
        <translation>Flèches, Page préc., Page suiv.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="37"/>
        <source>Move through table rows</source>
        <translation>Parcourir les lignes des tableaux</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="38"/>
        <source>Space, Ctrl+Space, Shift+arrows</source>
        <translation>Espace, Ctrl+Espace, Maj+flèches</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="38"/>
        <source>Select several dead letters</source>
        <translation>Sélectionner plusieurs envois non livrés</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="39"/>
        <source>Enter</source>
        <translation>Entrée</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="39"/>
        <source>Open the selected link of the correlation chain</source>
        <translation>Ouvrir le maillon sélectionné de la chaîne de corrélation</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="40"/>
        <source>Alt + underlined letter</source>
        <translation>Alt + lettre soulignée</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="40"/>
        <source>Press that button or go to that field</source>
        <translation>Activer ce bouton ou aller à ce champ</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::TargetsModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="104"/>
        <source>Enabled</source>
        <translation>Actif</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="104"/>
        <source>Disabled</source>
        <translation>Désactivé</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="135"/>
        <source>Target</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="137"/>
        <source>Endpoint</source>
        <translation>Point de terminaison</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="139"/>
        <source>Subscription</source>
        <translation>Abonnement</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="141"/>
        <source>Circuit</source>
        <translation>Circuit</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="143"/>
        <source>Queued</source>
        <translation>En file</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="145"/>
        <source>Dead letters</source>
        <translation>Envois non livrés</translation>
    </message>
</context>
</TS>
