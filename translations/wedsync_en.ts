<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
  <context>
    <name>WedSync::Ui::DeliveriesPage</name>
    <message numerus="yes">
      <source>Replaying %n dead letter(s)…</source>
      <translation>
        <numerusform>Replaying %n dead letter…</numerusform>
        <numerusform>Replaying %n dead letters…</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Replay cancelled after %n delivery(ies).</source>
      <translation>
        <numerusform>Replay cancelled after %n delivery.</numerusform>
        <numerusform>Replay cancelled after %n deliveries.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Replay interrupted after %n delivery(ies): the node running it stopped. Replay the remaining dead letters again.</source>
      <translation>
        <numerusform>Replay interrupted after %n delivery: the node running it stopped. Replay the remaining dead letters again.</numerusform>
        <numerusform>Replay interrupted after %n deliveries: the node running it stopped. Replay the remaining dead letters again.</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WedSync::Ui::EventsPage</name>
    <message numerus="yes">
      <source>Exported %n event(s).</source>
      <translation>
        <numerusform>Exported %n event.</numerusform>
        <numerusform>Exported %n events.</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Following live · %n event(s) held</source>
      <translation>
        <numerusform>Following live · %n event held</numerusform>
        <numerusform>Following live · %n events held</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>Paused · %n event(s) held · scroll to the end or press End to follow again</source>
      <translation>
        <numerusform>Paused · %n event held · scroll to the end or press End to follow again</numerusform>
        <numerusform>Paused · %n events held · scroll to the end or press End to follow again</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>(%n older event(s) dropped from memory; Load older fetches them again)</source>
      <translation>
        <numerusform>(%n older event dropped from memory; Load older fetches it again)</numerusform>
        <numerusform>(%n older events dropped from memory; Load older fetches them again)</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WedSync::Ui::HealthModel</name>
    <message numerus="yes">
      <source>%n minute(s), latest %1</source>
      <translation>
        <numerusform>%n minute, latest %1</numerusform>
        <numerusform>%n minutes, latest %1</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WedSync::Ui::MainWindow</name>
    <message numerus="yes">
      <source>Watching %n remote node(s)</source>
      <translation>
        <numerusform>Watching %n remote node</numerusform>
        <numerusform>Watching %n remote nodes</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WedSync::Ui::NodeStatusWidget</name>
    <message numerus="yes">
      <source>reconnected %n time(s)</source>
      <translation>
        <numerusform>reconnected once</numerusform>
        <numerusform>reconnected %n times</numerusform>
      </translation>
    </message>
  </context>
  <context>
    <name>WedSync::Ui::NodesModel</name>
    <message numerus="yes">
      <source>%n second(s)</source>
      <translation>
        <numerusform>%n second</numerusform>
        <numerusform>%n seconds</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n minute(s)</source>
      <translation>
        <numerusform>%n minute</numerusform>
        <numerusform>%n minutes</numerusform>
      </translation>
    </message>
    <message numerus="yes">
      <source>%n day(s)</source>
      <translation>
        <numerusform>%n day</numerusform>
        <numerusform>%n days</numerusform>
      </translation>
    </message>
  </context>
</TS>
