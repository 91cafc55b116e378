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
        <location filename="../ui/common/states.cpp" line="93"/>
        <source>Healthy</source>
        <translation>Correcto</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="95"/>
        <source>Warning</source>
        <translation>Advertencia</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="97"/>
        <source>Critical</source>
        <translation>Crítico</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="99"/>
        <source>Paused</source>
        <translation>En pausa</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="100"/>
        <source>No data</source>
        <translation>Sin datos</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="106"/>
        <source>Closed</source>
        <translation>Cerrado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="108"/>
        <source>Half-open (probing)</source>
        <translation>Semiabierto (probando)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="110"/>
        <source>Open (paused)</source>
        <translation>Abierto (en pausa)</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="111"/>
        <source>Unknown</source>
        <translation>Desconocido</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="117"/>
        <source>Delivered</source>
        <translation>Entregada</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="119"/>
        <source>Pending</source>
        <translation>Pendiente</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="121"/>
        <source>Retrying</source>
        <translation>Reintentando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="123"/>
        <location filename="../ui/common/states.cpp" line="140"/>
        <source>Failed</source>
        <translation>Fallida</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="125"/>
        <source>Dead letter</source>
        <translation>Sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="134"/>
        <source>Connected</source>
        <translation>Conectado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="136"/>
        <source>Connecting</source>
        <translation>Conectando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="138"/>
        <source>Reconnecting</source>
        <translation>Reconectando</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="144"/>
        <source>Disconnected</source>
        <translation>Desconectado</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="150"/>
        <source>Acknowledged</source>
        <translation>Atendida</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="152"/>
        <source>Resolved</source>
        <translation>Resuelta</translation>
    </message>
    <message>
        <location filename="../ui/common/states.cpp" line="153"/>
        <source>Firing</source>
        <translation>Activa</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::AlertsModel</name>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="50"/>
        <source>Acknowledged by %1</source>
        <translation>Atendida por %1</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="81"/>
        <source>Severity</source>
        <translation>Gravedad</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="83"/>
        <source>Integration</source>
        <translation>Integración</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="85"/>
        <source>Alert</source>
        <translation>Alerta</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="87"/>
        <source>Raised</source>
        <translation>Emitida</translation>
    </message>
    <message>
        <location filename="../ui/models/alertsmodel.cpp" line="89"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::AttemptsModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="140"/>
        <source>no response</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="146"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="163"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="165"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="167"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="169"/>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="171"/>
        <source>Response</source>
        <translation>Respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="173"/>
        <source>Latency</source>
        <translation>Latencia</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="175"/>
        <source>Error</source>
        <translation>Error</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeadLettersModel</name>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="216"/>
        <source>no response</source>
        <translation>sin respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="235"/>
        <source>Failed at</source>
        <translation>Falló el</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="237"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="239"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="241"/>
        <source>Attempts</source>
        <translation>Intentos</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="243"/>
        <source>Last response</source>
        <translation>Última respuesta</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="245"/>
        <source>Reason</source>
        <translation>Motivo</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="247"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::DeliveriesPage</name>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="76"/>
        <source>Delivery targets</source>
        <translation>Destinos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="77"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="95"/>
        <source>Recent attempts</source>
        <translation>Intentos recientes</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="78"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="96"/>
        <source>Dead letters</source>
        <translation>Envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="79"/>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="230"/>
        <source>&amp;Disable subscription</source>
        <translation>&amp;Desactivar suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="80"/>
        <source>&amp;Replay selected</source>
        <translation>&amp;Reenviar seleccionados</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="81"/>
        <source>Re&amp;deliver</source>
        <translation>&amp;Volver a entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="82"/>
        <source>Re&amp;fresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="84"/>
        <source>Load targets, attempts and dead letters again</source>
        <translation>Volver a cargar destinos, intentos y envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="98"/>
        <source>Targets</source>
        <translation>Destinos</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="156"/>
        <source>Loading delivery targets</source>
        <translation>Carga de los destinos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="165"/>
        <source>Loading dead letters</source>
        <translation>Carga de los envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="186"/>
        <source>Loading delivery attempts</source>
        <translation>Carga de los intentos de entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="219"/>
        <source>Replay the selected dead letters as one tracked job</source>
        <translation>Reenviar los envíos seleccionados en una sola tarea con seguimiento</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="222"/>
        <source>A replay job is running</source>
        <translation>Hay una tarea de reenvío en curso</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="222"/>
        <source>Select one or more dead letters</source>
        <translation>Seleccione uno o varios envíos sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="224"/>
        <source>Deliver the selected dead letter again now</source>
        <translation>Volver a entregar ahora el envío seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="227"/>
        <source>Select exactly one dead letter</source>
        <translation>Seleccione un único envío sin entregar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="230"/>
        <source>&amp;Enable subscription</source>
        <translation>&amp;Activar suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="232"/>
        <source>Stop delivering to the selected target</source>
        <translation>Dejar de entregar al destino seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="232"/>
        <source>Resume delivering to the selected target</source>
        <translation>Reanudar las entregas al destino seleccionado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="235"/>
        <source>Select a target</source>
        <translation>Seleccione un destino</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="249"/>
        <source>Replaying %n dead letter(s)…</source>
        <translation>
            <numerusform>Reenviando %n envío sin entregar…</numerusform>
            <numerusform>Reenviando %n envíos sin entregar…</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="249"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="269"/>
        <source>Replaying dead letters</source>
        <translation>Reenvío de envíos sin entregar</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/deliveries/deliveriespage.cpp" line="271"/>
        <source>Replay cancelled after %n delivery(ies).</source>
        <translation>
            <numerusform>Reenvío cancelado tras %n entrega.</numerusform>
            <numerusform>Reenvío cancelado tras %n entregas.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="273"/>
        <source>Replay %1: %2 delivered again, %3 failed.</source>
        <translation>Reenvío %1: %2 entregados de nuevo, %3 fallidos.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="274"/>
        <source>finished</source>
        <translation>terminado</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="274"/>
        <source>failed</source>
        <translation>fallido</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="298"/>
        <source>Redelivering</source>
        <translation>Nueva entrega</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="301"/>
        <source>Redelivery queued.</source>
        <translation>Nueva entrega en cola.</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="322"/>
        <source>Disabling the subscription</source>
        <translation>Desactivación de la suscripción</translation>
    </message>
    <message>
        <location filename="../ui/deliveries/deliveriespage.cpp" line="323"/>
        <source>Enabling the subscription</source>
        <translation>Activación de la suscripción</translation>
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
        <location filename="../ui/models/eventstreammodel.cpp" line="251"/>
        <source>Seq</source>
        <translation>N.º</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="253"/>
        <source>Time</source>
        <translation>Hora</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="255"/>
        <source>Source</source>
        <translation>Origen</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="257"/>
        <source>Event type</source>
        <translation>Tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="259"/>
        <source>Wedding</source>
        <translation>Boda</translation>
    </message>
    <message>
        <location filename="../ui/models/eventstreammodel.cpp" line="261"/>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::EventsPage</name>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="77"/>
        <source>any source</source>
        <translation>cualquier origen</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="77"/>
        <source>Source filter</source>
        <translation>Filtro por origen</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="78"/>
        <source>any type</source>
        <translation>cualquier tipo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="78"/>
        <source>Event type filter</source>
        <translation>Filtro por tipo de evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="83"/>
        <source>Jump to &amp;live</source>
        <translation>Ir al &amp;directo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="84"/>
        <source>Load &amp;older</source>
        <translation>Cargar &amp;anteriores</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="85"/>
        <source>E&amp;xport…</source>
        <translation>E&amp;xportar…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="93"/>
        <source>any channel</source>
        <translation>cualquier canal</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="94"/>
        <source>Channel filter</source>
        <translation>Filtro por canal</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="96"/>
        <source>any wedding</source>
        <translation>cualquier boda</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="97"/>
        <source>Wedding filter</source>
        <translation>Filtro por boda</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="99"/>
        <source>search text in events</source>
        <translation>buscar texto en los eventos</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="100"/>
        <source>Free text filter</source>
        <translation>Filtro de texto libre</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="110"/>
        <source>&amp;Source:</source>
        <translation>&amp;Origen:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="111"/>
        <source>T&amp;ype:</source>
        <translation>T&amp;ipo:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="112"/>
        <source>C&amp;hannel:</source>
        <translation>Ca&amp;nal:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="113"/>
        <source>&amp;Wedding:</source>
        <translation>&amp;Boda:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="114"/>
        <source>&amp;Text:</source>
        <translation>&amp;Texto:</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="126"/>
        <source>Live events</source>
        <translation>Eventos en directo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="137"/>
        <source>Follow new events again (End)</source>
        <translation>Volver a seguir los eventos nuevos (Fin)</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="138"/>
        <source>Fetch older matching events from the node</source>
        <translation>Traer del nodo los eventos anteriores que coinciden</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="139"/>
        <source>Save the rows shown (with the current filter) as JSON Lines or CSV</source>
        <translation>Guardar las filas mostradas (con el filtro actual) en JSON Lines o CSV</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="140"/>
        <source>Stream status</source>
        <translation>Estado del flujo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="144"/>
        <source>Event detail</source>
        <translation>Detalle del evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="145"/>
        <source>Select an event to see it in full.</source>
        <translation>Seleccione un evento para verlo completo.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="149"/>
        <source>Correlation chain</source>
        <translation>Cadena de correlación</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="150"/>
        <source>Events caused by the same original event; press Enter on one to open it</source>
        <translation>Eventos causados por el mismo evento original; pulse Intro sobre uno para abrirlo</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="167"/>
        <source>&amp;Event</source>
        <translation>&amp;Evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="169"/>
        <source>Correlation &amp;chain</source>
        <translation>&amp;Cadena de correlación</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="221"/>
        <source>Exported %n event(s).</source>
        <translation>
            <numerusform>Se exportó %n evento.</numerusform>
            <numerusform>Se exportaron %n eventos.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="376"/>
        <source>No node selected.</source>
        <translation>Ningún nodo seleccionado.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="378"/>
        <source>Waiting for the node connection…</source>
        <translation>Esperando la conexión con el nodo…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="380"/>
        <source>Following live · %n event(s) held</source>
        <translation>
            <numerusform>Siguiendo en directo · %n evento en memoria</numerusform>
            <numerusform>Siguiendo en directo · %n eventos en memoria</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="382"/>
        <source>Paused · %n event(s) held · scroll to the end or press End to follow again</source>
        <translation>
            <numerusform>En pausa · %n evento en memoria · desplácese al final o pulse Fin para seguir de nuevo</numerusform>
            <numerusform>En pausa · %n eventos en memoria · desplácese al final o pulse Fin para seguir de nuevo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/events/eventspage.cpp" line="385"/>
        <source>(%n older event(s) dropped from memory; Load older fetches them again)</source>
        <translation>
            <numerusform>(%n evento antiguo liberado de la memoria; «Cargar anteriores» lo vuelve a traer)</numerusform>
            <numerusform>(%n eventos antiguos liberados de la memoria; «Cargar anteriores» los vuelve a traer)</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="399"/>
        <location filename="../ui/events/eventspage.cpp" line="430"/>
        <source>No older events match the filter.</source>
        <translation>Ningún evento anterior coincide con el filtro.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="414"/>
        <source>Loading older events</source>
        <translation>Carga de eventos anteriores</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="431"/>
        <source>No matching events in journal entries %1 to %2; Load older looks further back.</source>
        <translation>No hay eventos que coincidan en las entradas %1 a %2 del registro; «Cargar anteriores» busca más atrás.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="436"/>
        <source>The stream holds as many events as its row cap allows; raise the cap in Settings to keep more.</source>
        <translation>El flujo ya tiene tantos eventos como permite su límite de filas; aumente el límite en Configuración para conservar más.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="460"/>
        <source>Loading the correlation chain</source>
        <translation>Carga de la cadena de correlación</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="481"/>
        <source>#%1  %2  from %3</source>
        <translation>#%1  %2  de %3</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="491"/>
        <source>This event</source>
        <translation>Este evento</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="496"/>
        <source>No related events.</source>
        <translation>No hay eventos relacionados.</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="524"/>
        <source>Loading event #%1</source>
        <translation>Carga del evento n.º %1</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="541"/>
        <source>Exporting events…</source>
        <translation>Exportando eventos…</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="541"/>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="553"/>
        <source>Export events</source>
        <translation>Exportar eventos</translation>
    </message>
    <message>
        <location filename="../ui/events/eventspage.cpp" line="554"/>
        <source>JSON Lines (*.jsonl);;CSV (*.csv)</source>
        <translation>JSON Lines (*.jsonl);;CSV (*.csv)</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::HealthModel</name>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="94"/>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="101"/>
        <source>never</source>
        <translation>nunca</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="105"/>
        <source>no data</source>
        <translation>sin datos</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/healthmodel.cpp" line="105"/>
        <source>%n minute(s), latest %1</source>
        <translation>
            <numerusform>%n minuto, último %1</numerusform>
            <numerusform>%n minutos, último %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="111"/>
        <source>Events per minute over the last hour</source>
        <translation>Eventos por minuto en la última hora</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="166"/>
        <source>Vendor</source>
        <translation>Proveedor</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="168"/>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="170"/>
        <source>State</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="172"/>
        <source>Score</source>
        <translation>Puntuación</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="174"/>
        <source>Success rate</source>
        <translation>Tasa de éxito</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="176"/>
        <source>p95 latency</source>
        <translation>Latencia p95</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="178"/>
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="180"/>
        <source>Last event</source>
        <translation>Último evento</translation>
    </message>
    <message>
        <location filename="../ui/models/healthmodel.cpp" line="182"/>
        <source>Last hour</source>
        <translation>Última hora</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::HealthPage</name>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="58"/>
        <location filename="../ui/health/healthpage.cpp" line="87"/>
        <source>Integrations</source>
        <translation>Integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="59"/>
        <location filename="../ui/health/healthpage.cpp" line="94"/>
        <source>Alerts</source>
        <translation>Alertas</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="60"/>
        <source>Recent failures</source>
        <translation>Fallos recientes</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="61"/>
        <source>&amp;Acknowledge</source>
        <translation>&amp;Atender</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="79"/>
        <source>Filter integrations (vendor, type, state…)</source>
        <translation>Filtrar integraciones (proveedor, tipo, estado…)</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="80"/>
        <source>Filter integrations</source>
        <translation>Filtrar integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="104"/>
        <source>Recent failures of the selected integration</source>
        <translation>Fallos recientes de la integración seleccionada</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="169"/>
        <source>Loading integrations</source>
        <translation>Carga de las integraciones</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="179"/>
        <source>Loading alerts</source>
        <translation>Carga de las alertas</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="210"/>
        <source>Loading the failures of %1</source>
        <translation>Carga de los fallos de %1</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="224"/>
        <source>Acknowledge the selected alert: you are looking into it</source>
        <translation>Atender la alerta seleccionada: indica que usted se está ocupando</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="227"/>
        <source>Select a firing alert to acknowledge it</source>
        <translation>Seleccione una alerta activa para atenderla</translation>
    </message>
    <message>
        <location filename="../ui/health/healthpage.cpp" line="243"/>
        <source>Acknowledging the alert</source>
        <translation>Atención de la alerta</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="79"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="231"/>
        <source>Demo traffic</source>
        <translation>Tráfico de demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Demo traffic</source>
        <translation>Tráfico de &amp;demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="106"/>
        <source>Send simulated vendor webhooks to the embedded engine</source>
        <translation>Enviar webhooks simulados de proveedores al motor integrado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="197"/>
        <source>The configured webhook port was taken; the ingress listens on 127.0.0.1:%1</source>
        <translation>El puerto de webhooks configurado estaba ocupado; la entrada escucha en 127.0.0.1:%1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="198"/>
        <source>The webhook ingress listens on port %1</source>
        <translation>La entrada de webhooks escucha en el puerto %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="206"/>
        <source>Demo traffic needs the embedded engine and its webhook ingress</source>
        <translation>El tráfico de demostración necesita el motor integrado y su entrada de webhooks</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="213"/>
        <source>Demo traffic could not start: %1</source>
        <translation>No se pudo iniciar el tráfico de demostración: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="215"/>
        <source>Demo traffic running: simulated webhooks to port %1</source>
        <translation>Tráfico de demostración en marcha: webhooks simulados al puerto %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="219"/>
        <source>Demo traffic stopped</source>
        <translation>Tráfico de demostración detenido</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="232"/>
        <source>Welcome to WedSync Console. Send simulated webhooks from wedding vendors (payments, bookings, enquiries) to the embedded engine, so that every dashboard has something to show? You can stop it at any time with File &gt; Demo traffic.</source>
        <translation>Bienvenido a la Consola WedSync. ¿Enviar webhooks simulados de proveedores de bodas (pagos, reservas, consultas) al motor integrado para que todos los paneles tengan algo que mostrar? Puede detenerlo en cualquier momento con Archivo &gt; Tráfico de demostración.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="237"/>
        <source>Start demo traffic</source>
        <translation>Iniciar el tráfico de demostración</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="238"/>
        <source>Not now</source>
        <translation>Ahora no</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="40"/>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="168"/>
        <source>WedSync Console</source>
        <translation>Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="46"/>
        <source>Dashboards</source>
        <translation>Paneles</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="51"/>
        <source>Health</source>
        <translation>Estado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="51"/>
        <source>Events</source>
        <translation>Eventos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="51"/>
        <source>Deliveries</source>
        <translation>Entregas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="51"/>
        <source>Nodes</source>
        <translation>Nodos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="52"/>
        <source>Integration health and alerts (Ctrl+1)</source>
        <translation>Estado de las integraciones y alertas (Ctrl+1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="52"/>
        <source>Live event stream (Ctrl+2)</source>
        <translation>Flujo de eventos en directo (Ctrl+2)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Deliveries, attempts and dead letters (Ctrl+3)</source>
        <translation>Entregas, intentos y envíos sin entregar (Ctrl+3)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="53"/>
        <source>Connected nodes (Ctrl+4)</source>
        <translation>Nodos conectados (Ctrl+4)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="75"/>
        <source>Engine</source>
        <translation>Motor</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="92"/>
        <source>&amp;File</source>
        <translation>&amp;Archivo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="93"/>
        <source>&amp;Export events…</source>
        <translation>&amp;Exportar eventos…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="95"/>
        <source>&amp;Settings…</source>
        <translation>&amp;Configuración…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="98"/>
        <source>&amp;Quit</source>
        <translation>&amp;Salir</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="101"/>
        <source>&amp;View</source>
        <translation>&amp;Ver</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Health</source>
        <translation>&amp;Estado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Events</source>
        <translation>E&amp;ventos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Deliveries</source>
        <translation>E&amp;ntregas</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="102"/>
        <source>&amp;Nodes</source>
        <translation>N&amp;odos</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="110"/>
        <source>&amp;Filter</source>
        <translation>&amp;Filtrar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="112"/>
        <source>Jump to &amp;live</source>
        <translation>Ir al &amp;directo</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="118"/>
        <source>Load &amp;older events</source>
        <translation>Cargar eventos &amp;anteriores</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="120"/>
        <source>&amp;Refresh</source>
        <translation>Ac&amp;tualizar</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="126"/>
        <source>&amp;Help</source>
        <translation>A&amp;yuda</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="127"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Atajos de &amp;teclado</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="129"/>
        <source>&amp;About WedSync Console</source>
        <translation>&amp;Acerca de Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="130"/>
        <source>About WedSync Console</source>
        <translation>Acerca de Consola WedSync</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="131"/>
        <source>WedSync Console %1
Integration health, live events and deliveries for wedding vendor integrations.</source>
        <translation>Consola WedSync %1
Estado de las integraciones, eventos en directo y entregas para las integraciones de proveedores de bodas.</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="157"/>
        <source>Starting the embedded engine…</source>
        <translation>Iniciando el motor integrado…</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="162"/>
        <source>Embedded engine (schema %1)</source>
        <translation>Motor integrado (esquema %1)</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="167"/>
        <source>Embedded engine stopped: %1</source>
        <translation>Motor integrado detenido: %1</translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="169"/>
        <source>The embedded engine could not start.

%1: %2</source>
        <translation>No se pudo iniciar el motor integrado.

%1: %2</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/mainwindow/mainwindow.cpp" line="174"/>
        <source>Watching %n remote node(s)</source>
        <translation>
            <numerusform>Supervisando %n nodo remoto</numerusform>
            <numerusform>Supervisando %n nodos remotos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/mainwindow/mainwindow.cpp" line="203"/>
        <source>The new language applies the next time the console starts.</source>
        <translation>El nuevo idioma se aplicará la próxima vez que se inicie la consola.</translation>
    </message>
</context>
<context>
    <name>WedSync::Ui::MemoryTokenStore</name>
    <message>
        <location filename="../ui/nodes/tokenstore.cpp" line="54"/>
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
        <location filename="../ui/nodes/nodesmodel.cpp" line="48"/>
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n segundo</numerusform>
            <numerusform>%n segundos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="50"/>
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minutos</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="52"/>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/nodes/nodesmodel.cpp" line="53"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n día</numerusform>
            <numerusform>%n días</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="67"/>
        <source>Embedded engine</source>
        <translation>Motor integrado</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="67"/>
        <source>%1 (embedded)</source>
        <translation>%1 (integrado)</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="74"/>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="86"/>
        <source>%1 events/s</source>
        <translation>%1 eventos/s</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="102"/>
        <source>Node</source>
        <translation>Nodo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="104"/>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="106"/>
        <source>Connection</source>
        <translation>Conexión</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="108"/>
        <source>Your role</source>
        <translation>Su rol</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="110"/>
        <source>Version</source>
        <translation>Versión</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="112"/>
        <source>Uptime</source>
        <translation>Tiempo activo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="114"/>
        <source>Database</source>
        <translation>Base de datos</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="116"/>
        <source>Throughput</source>
        <translation>Rendimiento</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodesmodel.cpp" line="118"/>
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
        <location filename="../ui/nodes/nodespage.cpp" line="60"/>
        <source>Connected nodes</source>
        <translation>Nodos conectados</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="63"/>
        <location filename="../ui/nodes/nodespage.cpp" line="106"/>
        <source>Disconnect from the selected node and forget it</source>
        <translation>Desconectarse del nodo seleccionado y olvidarlo</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="64"/>
        <source>Show the selected node on the Health, Events and Deliveries pages</source>
        <translation>Mostrar el nodo seleccionado en las páginas Estado, Eventos y Entregas</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="104"/>
        <source>The embedded engine runs inside this console and cannot be disconnected</source>
        <translation>El motor integrado funciona dentro de esta consola y no se puede desconectar</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="128"/>
        <source>Connected to %1, but the token could not be saved in the system keychain (%2). You will be asked for it again next time.</source>
        <translation>Conectado a %1, pero el token no se pudo guardar en el llavero del sistema (%2). Se le volverá a pedir la próxima vez.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="138"/>
        <source>Enter the node&apos;s address as ws://host:port or wss://host:port.</source>
        <translation>Introduzca la dirección del nodo como ws://servidor:puerto o wss://servidor:puerto.</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="143"/>
        <source>Enter the access token the node&apos;s administrator gave you (wedsync-node token create).</source>
        <translation>Introduzca el token de acceso que le dio el administrador del nodo (wedsync-node token create).</translation>
    </message>
    <message>
        <location filename="../ui/nodes/nodespage.cpp" line="181"/>
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
        <location filename="../ui/models/deliverymodels.cpp" line="65"/>
        <source>Enabled</source>
        <translation>Activa</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="65"/>
        <source>Disabled</source>
        <translation>Desactivada</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="90"/>
        <source>Target</source>
        <translation>Destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="92"/>
        <source>Endpoint</source>
        <translation>Punto de destino</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="94"/>
        <source>Subscription</source>
        <translation>Suscripción</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="96"/>
        <source>Circuit</source>
        <translation>Circuito</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="98"/>
        <source>Queued</source>
        <translation>En cola</translation>
    </message>
    <message>
        <location filename="../ui/models/deliverymodels.cpp" line="100"/>
        <source>Dead letters</source>
        <translation>Envíos sin entregar</translation>
    </message>
</context>
</TS>
