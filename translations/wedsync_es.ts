<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es">
<context>
    <name>Roles</name>
    <message>
        <location filename="../ui/common/roles.cpp" line="23"/>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="25"/>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="27"/>
        <source>viewer</source>
        <translation>consulta</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="31"/>
        <source>not connected</source>
        <translation>sin conexión</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="37"/>
        <source>Connect to a node first.</source>
        <translation>Conéctese primero a un nodo.</translation>
    </message>
    <message>
        <location filename="../ui/common/roles.cpp" line="38"/>
        <source>Your access token has the %1 role; this needs the %2 role. Ask an administrator for a token with that role.</source>
        <translation>Su token de acceso tiene el rol %1; esta acción requiere el rol %2. Pida a un administrador un token con ese rol.</translation>
    </message>
</context>
<context>
    <name>States</name>
    <message>
        <location filename="../ui/common/states.cpp" line="94"/>
        <source>Healthy</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="96"/>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="98"/>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="100"/>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="101"/>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="107"/>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="109"/>
        <source>Half-open (probing)</source>
        <translation>Semiabierto (probando)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="111"/>
        <source>Open (paused)</source>
        <translation>Abierto (en pausa)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="112"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="118"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="120"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="122"/>
        <source>Retrying</source>
        <translation>Reintentando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="124"/>
        <location filename="../ui/common/states.cpp" line="143"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="126"/>
        <source>Dead letter</source>
        <translation>Sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="128"/>
        <source>Replayed</source>
        <translation>Reenviada</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="137"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="139"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="141"/>
        <source>Reconnecting</source>
        <translation>Reconectando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="147"/>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="153"/>
        <source>Acknowledged</source>
        <translation>Atendida</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="155"/>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="156"/>
        <source>Firing</source>
        <translation>Activa</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::AlertsModel</name>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="51"/>
        <source>Acknowledged by %1</source>
        <translation>Atendida por %1</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="82"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="84"/>
        <source>Integration</source>
        <translation>Integración</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="86"/>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="88"/>
        <source>Raised</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="90"/>
        <source>State</source>
        <translation>Estado</translation>
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
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="205"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="207"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="209"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="211"/>
        <source>Response</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="213"/>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="215"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeadLettersModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="270"/>
        <source>Failed at</source>
        <translation>Falló el</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="272"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="274"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="276"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="278"/>
        <source>Last response</source>
        <translation>Última respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="280"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="282"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeliveriesPage</name>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="96"/>
        <source>Delivery targets</source>
        <translation>Destinos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="97"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="118"/>
        <source>Recent attempts</source>
        <translation>Intentos recientes</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="98"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="119"/>
        <source>Dead letters</source>
        <translation>Envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="99"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="300"/>
        <source>&amp;Disable subscription</source>
        <translation>&amp;Desactivar suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="100"/>
        <source>&amp;Replay selected</source>
        <translation>&amp;Reenviar seleccionados</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="101"/>
        <source>Re&amp;deliver</source>
        <translation>&amp;Volver a entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="102"/>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="107"/>
        <source>Load targets, attempts and dead letters again</source>
        <translation>Volver a cargar destinos, intentos y envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="121"/>
        <source>Targets</source>
        <translation>Destinos</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="190"/>
        <source>Loading delivery targets</source>
        <translation>Carga de los destinos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="207"/>
        <source>Loading dead letters</source>
        <translation>Carga de los envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="242"/>
        <source>Loading delivery attempts</source>
        <translation>Carga de los intentos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="287"/>
        <source>Replay the selected dead letters as one tracked job</source>
        <translation>Reenviar los envíos seleccionados en una sola tarea con seguimiento</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="290"/>
        <source>A replay job is running</source>
        <translation>Hay una tarea de reenvío en curso</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="291"/>
        <source>Select one or more dead letters</source>
        <translation>Seleccione uno o varios envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="293"/>
        <source>Deliver the selected dead letter again now</source>
        <translation>Volver a entregar ahora el envío seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="296"/>
        <source>Select exactly one dead letter</source>
        <translation>Seleccione un único envío sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="300"/>
        <source>&amp;Enable subscription</source>
        <translation>&amp;Activar suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="302"/>
        <source>Stop delivering to the selected target</source>
        <translation>Dejar de entregar al destino seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="303"/>
        <source>Resume delivering to the selected target</source>
        <translation>Reanudar las entregas al destino seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="306"/>
        <source>Select a target</source>
        <translation>Seleccione un destino</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="320"/>
        <source>Replaying %n dead letter(s)…</source>
        <translation>
            <numerusform>Reenviando %n envío sin entregar…</numerusform>
            <numerusform>Reenviando %n envíos sin entregar…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="321"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="334"/>
        <source>Cancelling the replay</source>
        <translation>Cancelación del reenvío</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="344"/>
        <source>Replaying dead letters</source>
        <translation>Reenvío de envíos sin entregar</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="346"/>
        <source>Replay cancelled after %n delivery(ies).</source>
        <translation>
            <numerusform>Reenvío cancelado tras %n entrega.</numerusform>
            <numerusform>Reenvío cancelado tras %n entregas.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="348"/>
        <source>Replay interrupted after %n delivery(ies): the node running it stopped. Replay the remaining dead letters again.</source>
        <translation>
            <numerusform>Reenvío interrumpido tras %n entrega: el nodo que lo ejecutaba se detuvo. Vuelva a reenviar los envíos sin entregar restantes.</numerusform>
            <numerusform>Reenvío interrumpido tras %n entregas: el nodo que lo ejecutaba se detuvo. Vuelva a reenviar los envíos sin entregar restantes.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="353"/>
        <source>Replay %1: %2 delivered again, %3 failed.</source>
        <translation>Reenvío %1: %2 entregados de nuevo, %3 fallidos.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="354"/>
        <source>finished</source>
        <translation>terminado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="354"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="381"/>
        <source>Redelivering</source>
        <translation>Nueva entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="384"/>
        <source>Redelivery queued.</source>
        <translation>Nueva entrega en cola.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="406"/>
        <source>Disabling the subscription</source>
        <translation>Desactivación de la suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="407"/>
        <source>Enabling the subscription</source>
        <translation>Activación de la suscripción</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeliveryModels</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="49"/>
        <source>no response</source>
        <translation>sin respuesta</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventExporter</name>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="56"/>
        <source>An export is already running.</source>
        <translation>Ya hay una exportación en curso.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="61"/>
        <source>Cannot write %1: %2</source>
        <translation>No se puede escribir %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="79"/>
        <source>Export cancelled.</source>
        <translation>Exportación cancelada.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventexporter.cpp" line="110"/>
        <source>Writing %1 failed: %2</source>
        <translation>Error al escribir %1: %2</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventStreamModel</name>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="138"/>
        <source>Seq</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="140"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="142"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="144"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="146"/>
        <source>Wedding</source>
        <translation>Boda</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="148"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventsPage</name>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="82"/>
        <source>any source</source>
        <translation>cualquier origen</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="82"/>
        <source>Source filter</source>
        <translation>Filtro por origen</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="83"/>
        <source>any type</source>
        <translation>cualquier tipo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="83"/>
        <source>Event type filter</source>
        <translation>Filtro por tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="88"/>
        <source>Jump to &amp;live</source>
        <translation>Ir al &amp;directo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="89"/>
        <source>Load &amp;older</source>
        <translation>Cargar &amp;anteriores</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="90"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="98"/>
        <source>any channel</source>
        <translation>cualquier canal</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="99"/>
        <source>Channel filter</source>
        <translation>Filtro por canal</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="101"/>
        <source>any wedding</source>
        <translation>cualquier boda</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="102"/>
        <source>Wedding filter</source>
        <translation>Filtro por boda</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="104"/>
        <source>search text in events</source>
        <translation>buscar texto en los eventos</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="105"/>
        <source>Free text filter</source>
        <translation>Filtro de texto libre</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="115"/>
        <source>&amp;Source:</source>
        <translation>&amp;Origen:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="116"/>
        <source>T&amp;ype:</source>
        <translation>T&amp;ipo:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="117"/>
        <source>C&amp;hannel:</source>
        <translation>Ca&amp;nal:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="118"/>
        <source>&amp;Wedding:</source>
        <translation>&amp;Boda:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="119"/>
        <source>&amp;Text:</source>
        <translation>&amp;Texto:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="132"/>
        <source>Live events</source>
        <translation>Eventos en directo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="143"/>
        <source>Follow new events again (End)</source>
        <translation>Volver a seguir los eventos nuevos (Fin)</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="144"/>
        <source>Fetch older matching events from the node</source>
        <translation>Traer del nodo los eventos anteriores que coinciden</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="145"/>
        <source>Save the rows shown (with the current filter) as JSON Lines or CSV</source>
        <translation>Guardar las filas mostradas (con el filtro actual) en JSON Lines o CSV</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="146"/>
        <source>Stream status</source>
        <translation>Estado del flujo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="153"/>
        <source>Event detail</source>
        <translation>Detalle del evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="154"/>
        <source>Select an event to see it in full.</source>
        <translation>Seleccione un evento para verlo completo.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="158"/>
        <source>Correlation chain</source>
        <translation>Cadena de correlación</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="159"/>
        <source>Events caused by the same original event; press Enter on one to open it</source>
        <translation>Eventos causados por el mismo evento original; pulse Intro sobre uno para abrirlo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="176"/>
        <source>&amp;Event</source>
        <translation>&amp;Evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="178"/>
        <source>Correlation &amp;chain</source>
        <translation>&amp;Cadena de correlación</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="232"/>
        <source>Exported %n event(s).</source>
        <translation>
            <numerusform>Se exportó %n evento.</numerusform>
            <numerusform>Se exportaron %n eventos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="397"/>
        <source>No node selected.</source>
        <translation>Ningún nodo seleccionado.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="399"/>
        <source>Waiting for the node connection…</source>
        <translation>Esperando la conexión con el nodo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="401"/>
        <source>Following live · %n event(s) held</source>
        <translation>
            <numerusform>Siguiendo en directo · %n evento en memoria</numerusform>
            <numerusform>Siguiendo en directo · %n eventos en memoria</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="403"/>
        <source>Paused · %n event(s) held · scroll to the end or press End to follow again</source>
        <translation>
            <numerusform>En pausa · %n evento en memoria · desplácese al final o pulse Fin para seguir de nuevo</numerusform>
            <numerusform>En pausa · %n eventos en memoria · desplácese al final o pulse Fin para seguir de nuevo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="407"/>
        <source>(%n older event(s) dropped from memory; Load older fetches them again)</source>
        <translation>
            <numerusform>(%n evento antiguo liberado de la memoria; «Cargar anteriores» lo vuelve a traer)</numerusform>
            <numerusform>(%n eventos antiguos liberados de la memoria; «Cargar anteriores» los vuelve a traer)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="427"/>
        <location filename="../ui/events/eventspage.cpp" line="464"/>
        <source>No older events match the filter.</source>
        <translation>Ningún evento anterior coincide con el filtro.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="445"/>
        <source>Loading older events</source>
        <translation>Carga de eventos anteriores</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="465"/>
        <source>No matching events in journal entries %1 to %2; Load older looks further back.</source>
        <translation>No hay eventos que coincidan en las entradas %1 a %2 del registro; «Cargar anteriores» busca más atrás.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="471"/>
        <source>The stream holds as many events as its row cap allows; raise the cap in Settings to keep more.</source>
        <translation>El flujo ya tiene tantos eventos como permite su límite de filas; aumente el límite en Configuración para conservar más.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="496"/>
        <source>Loading the correlation chain</source>
        <translation>Carga de la cadena de correlación</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="517"/>
        <source>#%1  %2  from %3</source>
        <translation>#%1  %2  de %3</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="527"/>
        <source>This event</source>
        <translation>Este evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="532"/>
        <source>No related events.</source>
        <translation>No hay eventos relacionados.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="561"/>
        <source>Loading event #%1</source>
        <translation>Carga del evento n.º %1</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="579"/>
        <source>Exporting events…</source>
        <translation>Exportando eventos…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="579"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="592"/>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
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
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="144"/>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/healthmodel.cpp" line="145"/>
        <source>%n minute(s), latest %1</source>
        <translation>
            <numerusform>%n minuto, último %1</numerusform>
            <numerusform>%n minutos, último %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="151"/>
        <source>Events per minute over the last hour</source>
        <translation>Eventos por minuto en la última hora</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="207"/>
        <source>Vendor</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="209"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="211"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="213"/>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="215"/>
        <source>Success rate</source>
        <translation>Tasa de éxito</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="217"/>
        <source>p95 latency</source>
        <translation>Latencia p95</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="219"/>
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="221"/>
        <source>Last event</source>
        <translation>Último evento</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="223"/>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::HealthPage</name>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="61"/>
        <location filename="../ui/health/healthpage.cpp" line="94"/>
        <source>Integrations</source>
        <translation>Integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="62"/>
        <location filename="../ui/health/healthpage.cpp" line="101"/>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="63"/>
        <source>Recent failures</source>
        <translation>Fallos recientes</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="64"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Atender</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="86"/>
        <source>Filter integrations (vendor, type, state…)</source>
        <translation>Filtrar integraciones (proveedor, tipo, estado…)</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="87"/>
        <source>Filter integrations</source>
        <translation>Filtrar integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="111"/>
        <source>Recent failures of the selected integration</source>
        <translation>Fallos recientes de la integración seleccionada</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="178"/>
        <source>Loading integrations</source>
        <translation>Carga de las integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="200"/>
        <source>Loading alerts</source>
        <translation>Carga de las alertas</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="234"/>
        <source>Loading the failures of %1</source>
        <translation>Carga de los fallos de %1</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="279"/>
        <source>Acknowledge the selected alert: you are looking into it</source>
        <translation>Atender la alerta seleccionada: indica que usted se está ocupando</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="282"/>
        <source>Select a firing alert to acknowledge it</source>
        <translation>Seleccione una alerta activa para atenderla</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="301"/>
        <source>Acknowledging the alert</source>
        <translation>Atención de la alerta</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="80"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="237"/>
        <source>Demo traffic</source>
        <translation>Tráfico de demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="104"/>
        <source>&amp;Demo traffic</source>
        <translation>Tráfico de &amp;demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="108"/>
        <source>Send simulated vendor webhooks to the embedded engine</source>
        <translation>Enviar webhooks simulados de proveedores al motor integrado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="199"/>
        <source>The configured webhook port was taken; the ingress listens on 127.0.0.1:%1</source>
        <translation>El puerto de webhooks configurado estaba ocupado; la entrada escucha en 127.0.0.1:%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="200"/>
        <source>The webhook ingress listens on port %1</source>
        <translation>La entrada de webhooks escucha en el puerto %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="208"/>
        <source>Demo traffic needs the embedded engine and its webhook ingress</source>
        <translation>El tráfico de demostración necesita el motor integrado y su entrada de webhooks</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="215"/>
        <source>Demo traffic could not start: %1</source>
        <translation>No se pudo iniciar el tráfico de demostración: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="217"/>
        <source>Demo traffic running: simulated webhooks to port %1</source>
        <translation>Tráfico de demostración en marcha: webhooks simulados al puerto %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="223"/>
        <source>Demo traffic stopped</source>
        <translation>Tráfico de demostración detenido</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="238"/>
        <source>Welcome to WedSync Console. Send simulated webhooks from wedding vendors (payments, bookings, enquiries) to the embedded engine, so that every dashboard has something to show? You can stop it at any time with File &gt; Demo traffic.</source>
        <translation>Bienvenido a la Consola WedSync. ¿Enviar webhooks simulados de proveedores de bodas (pagos, reservas, consultas) al motor integrado para que todos los paneles tengan algo que mostrar? Puede detenerlo en cualquier momento con Archivo &gt; Tráfico de demostración.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="243"/>
        <source>Start demo traffic</source>
        <translation>Iniciar el tráfico de demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="244"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="42"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="187"/>
        <source>WedSync Console</source>
        <translation>Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="48"/>
        <source>Dashboards</source>
        <translation>Paneles</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Health</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="54"/>
        <source>Integration health and alerts (Ctrl+1)</source>
        <translation>Estado de las integraciones y alertas (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="54"/>
        <source>Live event stream (Ctrl+2)</source>
        <translation>Flujo de eventos en directo (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="55"/>
        <source>Deliveries, attempts and dead letters (Ctrl+3)</source>
        <translation>Entregas, intentos y envíos sin entregar (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="56"/>
        <source>Connected nodes (Ctrl+4)</source>
        <translation>Nodos conectados (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="78"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="99"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="100"/>
        <source>&amp;Export events…</source>
        <translation>&amp;Exportar eventos…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="115"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="118"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Health</source>
        <translation>&amp;Estado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Events</source>
        <translation>E&amp;ventos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Deliveries</source>
        <translation>E&amp;ntregas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="119"/>
        <source>&amp;Nodes</source>
        <translation>N&amp;odos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="127"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="129"/>
        <source>Jump to &amp;live</source>
        <translation>Ir al &amp;directo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="135"/>
        <source>Load &amp;older events</source>
        <translation>Cargar eventos &amp;anteriores</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="137"/>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="143"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="144"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="146"/>
        <source>&amp;About WedSync Console</source>
        <translation>&amp;Acerca de Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="148"/>
        <source>About WedSync Console</source>
        <translation>Acerca de Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="149"/>
        <source>WedSync Console %1
Integration health, live events and deliveries for wedding vendor integrations.</source>
        <translation>Consola WedSync %1
Estado de las integraciones, eventos en directo y entregas para las integraciones de proveedores de bodas.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="176"/>
        <source>Starting the embedded engine…</source>
        <translation>Iniciando el motor integrado…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="181"/>
        <source>Embedded engine (schema %1)</source>
        <translation>Motor integrado (esquema %1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="186"/>
        <source>Embedded engine stopped: %1</source>
        <translation>Motor integrado detenido: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="188"/>
        <source>The embedded engine could not start.

%1: %2</source>
        <translation>No se pudo iniciar el motor integrado.

%1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow/mainwindow.cpp" line="193"/>
        <source>Watching %n remote node(s)</source>
        <translation>
            <numerusform>Supervisando %n nodo remoto</numerusform>
            <numerusform>Supervisando %n nodos remotos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="281"/>
        <source>The new language applies the next time the console starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie la consola.</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MemoryTokenStore</name>
    <message>
        <location filename="../ui/nodes/tokenstore.cpp" line="53"/>
        <source>No token saved for %1</source>
        <translation>No hay ningún token guardado para %1</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MessageBar</name>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="16"/>
        <source>Message</source>
        <translation>Mensaje</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="19"/>
        <source>Dismiss</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="20"/>
        <source>Hide this message</source>
        <translation>Ocultar este mensaje</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="32"/>
        <source>%1: the node refused because your access token&apos;s role does not allow it (FORBIDDEN). %2</source>
        <translation>%1: el nodo lo rechazó porque el rol de su token de acceso no lo permite (FORBIDDEN). %2</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="35"/>
        <source>%1: the node is not connected. The console reconnects by itself; try again when it shows Connected.</source>
        <translation>%1: el nodo no está conectado. La consola se reconecta sola; vuelva a intentarlo cuando indique «Conectado».</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="39"/>
        <source>%1: the node did not answer in time. Try again.</source>
        <translation>%1: el nodo no respondió a tiempo. Vuelva a intentarlo.</translation>
    </message>
    <message>
        <location filename="../ui/common/messagebar.cpp" line="40"/>
        <source>%1 failed (%2): %3</source>
        <translation>%1: error (%2): %3</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodeStatusWidget</name>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="17"/>
        <source>Node connections</source>
        <translation>Conexiones con nodos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="42"/>
        <source>No node connected</source>
        <translation>Ningún nodo conectado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="55"/>
        <source>embedded</source>
        <translation>integrado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="56"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="58"/>
        <source>lag %1 ms</source>
        <translation>retardo %1 ms</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow/nodestatuswidget.cpp" line="60"/>
        <source>reconnected %n time(s)</source>
        <translation>
            <numerusform>reconectado %n vez</numerusform>
            <numerusform>reconectado %n veces</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodesModel</name>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="47"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="49"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
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
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="66"/>
        <source>Embedded engine</source>
        <translation>Motor integrado</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="66"/>
        <source>%1 (embedded)</source>
        <translation>%1 (integrado)</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="73"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="85"/>
        <source>%1 events/s</source>
        <translation>%1 eventos/s</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="101"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="103"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="105"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="107"/>
        <source>Your role</source>
        <translation>Su rol</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="109"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="111"/>
        <source>Uptime</source>
        <translation>Tiempo activo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="113"/>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="115"/>
        <source>Throughput</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="117"/>
        <source>Reconnections</source>
        <translation>Reconexiones</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::NodesPage</name>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="29"/>
        <source>&amp;Connect</source>
        <translation>&amp;Conectar</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="30"/>
        <source>&amp;Disconnect</source>
        <translation>&amp;Desconectar</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="31"/>
        <source>Show on &amp;dashboards</source>
        <translation>Mostrar en los &amp;paneles</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="34"/>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="41"/>
        <source>Node address</source>
        <translation>Dirección del nodo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="43"/>
        <location filename="../ui/nodes/nodespage.cpp" line="44"/>
        <source>Access token</source>
        <translation>Token de acceso</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="45"/>
        <source>Kept in the system keychain, never in the settings file.</source>
        <translation>Se guarda en el llavero del sistema, nunca en el archivo de configuración.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="46"/>
        <source>Connect to this node and remember it</source>
        <translation>Conectarse a este nodo y recordarlo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="48"/>
        <source>&amp;Address:</source>
        <translation>&amp;Dirección:</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="49"/>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="63"/>
        <source>Connected nodes</source>
        <translation>Nodos conectados</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="66"/>
        <location filename="../ui/nodes/nodespage.cpp" line="111"/>
        <source>Disconnect from the selected node and forget it</source>
        <translation>Desconectarse del nodo seleccionado y olvidarlo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="67"/>
        <source>Show the selected node on the Health, Events and Deliveries pages</source>
        <translation>Mostrar el nodo seleccionado en las páginas Estado, Eventos y Entregas</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="109"/>
        <source>The embedded engine runs inside this console and cannot be disconnected</source>
        <translation>El motor integrado funciona dentro de esta consola y no se puede desconectar</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="134"/>
        <source>Connected to %1, but the token could not be saved in the system keychain (%2). You will be asked for it again next time.</source>
        <translation>Conectado a %1, pero el token no se pudo guardar en el llavero del sistema (%2). Se le volverá a pedir la próxima vez.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="144"/>
        <source>Enter the node&apos;s address as ws://host:port or wss://host:port.</source>
        <translation>Introduzca la dirección del nodo como ws://servidor:puerto o wss://servidor:puerto.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="149"/>
        <source>Enter the access token the node&apos;s administrator gave you (wedsync-node token create).</source>
        <translation>Introduzca el token de acceso que le dio el administrador del nodo (wedsync-node token create).</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="188"/>
        <source>No saved token for %1 (%2). Enter it above to reconnect.</source>
        <translation>No hay ningún token guardado para %1 (%2). Introdúzcalo arriba para volver a conectarse.</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::SettingsDialog</name>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="19"/>
        <source>Settings</source>
        <translation>Configuración</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="20"/>
        <source>System language</source>
        <translation>Idioma del sistema</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="26"/>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="32"/>
        <source>Events kept in memory</source>
        <translation>Eventos conservados en memoria</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="33"/>
        <source>Older events are dropped from memory and can be loaded again from the node.</source>
        <translation>Los eventos más antiguos se liberan de la memoria y se pueden volver a cargar desde el nodo.</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="35"/>
        <source>A new language applies the next time the console starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie la consola.</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="38"/>
        <source>&amp;Language:</source>
        <translation>&amp;Idioma:</translation>
    </message>
    <message>
        <location filename="../ui/settings/settingsdialog.cpp" line="40"/>
        <source>&amp;Events kept in memory:</source>
        <translation>&amp;Eventos conservados en memoria:</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::ShortcutsDialog</name>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="14"/>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="22"/>
        <source>Keyboard shortcuts</source>
        <translation>Atajos de teclado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="17"/>
        <source>Keys</source>
        <translation>Teclas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="17"/>
        <source>Action</source>
        <translation>Acción</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="36"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Mayús+Tab</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="36"/>
        <source>Move between controls</source>
        <translation>Pasar de un control a otro</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="37"/>
        <source>Arrow keys, Page Up, Page Down</source>
        <translation>Flechas, Re Pág, Av Pág</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="37"/>
        <source>Move through table rows</source>
        <translation>Recorrer las filas de las tablas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="38"/>
        <source>Space, Ctrl+Space, Shift+arrows</source>
        <translation>Espacio, Ctrl+Espacio, Mayús+flechas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="38"/>
        <source>Select several dead letters</source>
        <translation>Seleccionar varios envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="39"/>
        <source>Enter</source>
        <translation>Intro</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="39"/>
        <source>Open the selected link of the correlation chain</source>
        <translation>Abrir el enlace seleccionado de la cadena de correlación</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="40"/>
        <source>Alt + underlined letter</source>
        <translation>Alt + letra subrayada</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/shortcutsdialog.cpp" line="40"/>
        <source>Press that button or go to that field</source>
        <translation>Pulsar ese botón o ir a ese campo</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::TargetsModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="104"/>
        <source>Enabled</source>
        <translation>Activa</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="104"/>
        <source>Disabled</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="135"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="137"/>
        <source>Endpoint</source>
        <translation>Punto de destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="139"/>
        <source>Subscription</source>
        <translation>Suscripción</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="141"/>
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="143"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="145"/>
        <source>Dead letters</source>
        <translation>Envíos sin entregar</translation>
    </message>
</context>
</TS>
