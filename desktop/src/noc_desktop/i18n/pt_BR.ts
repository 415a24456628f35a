<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pt_BR">
<context>
    <name></name>
    <message>
        <source>M</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>N</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>monitoring</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>action</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>notification</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown task type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>success</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>true</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>false</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>body</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Block {id}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ident}: {kind} task {task}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ident}: if {condition}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ident}: loop, at most {n} times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{tip}, while {condition}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most {n}×</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wait {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ident}: wait {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ends well</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{ident}: the host&apos;s run {result}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BusyIndicator</name>
    <message>
        <source>Waiting for the server…</source>
        <translation>Aguardando o servidor…</translation>
    </message>
</context>
<context>
    <name>CheckList</name>
    <message>
        <source>New name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Cannot reach the server. Check its address and that it is running.</source>
        <translation>Não foi possível contactar o servidor. Verifique o endereço e se ele está em execução.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Try again in a moment.</source>
        <translation>O servidor não respondeu a tempo. Tente novamente em instantes.</translation>
    </message>
    <message>
        <source>The server&apos;s answer is not one this app understands.</source>
        <translation>A resposta do servidor não é uma que este aplicativo entenda.</translation>
    </message>
    <message>
        <source>Your session has ended. Log in again.</source>
        <translation>Sua sessão terminou. Entre novamente.</translation>
    </message>
    <message>
        <source>Your role does not allow this.</source>
        <translation>Seu perfil não permite esta ação.</translation>
    </message>
    <message>
        <source>It no longer exists on the server (someone may have deleted it).</source>
        <translation>Isto não existe mais no servidor (alguém pode tê-lo excluído).</translation>
    </message>
    <message>
        <source>This conflicts with what is already on the server.</source>
        <translation>Isto conflita com o que já existe no servidor.</translation>
    </message>
    <message>
        <source>The server refused some values. Correct them and try again.</source>
        <translation>O servidor recusou alguns valores. Corrija-os e tente novamente.</translation>
    </message>
    <message>
        <source>Too many attempts. Wait a minute and try again.</source>
        <translation>Tentativas demais. Aguarde um minuto e tente novamente.</translation>
    </message>
    <message>
        <source>The server failed to handle the request. Try again later.</source>
        <translation>O servidor falhou ao tratar a solicitação. Tente novamente mais tarde.</translation>
    </message>
    <message>
        <source>The server refused the request.</source>
        <translation>O servidor recusou a solicitação.</translation>
    </message>
    <message>
        <source>Something went wrong.</source>
        <translation>Algo deu errado.</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Erro</translation>
    </message>
</context>
<context>
    <name>ExecutionHeader</name>
    <message>
        <source>Cancel execution…</source>
        <extracomment>the user confirmed they want the execution cancelled</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Launched by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dry run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} v{version}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(deleted procedure)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{total} hosts: {parts}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel execution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop every host of this execution? Running steps are killed and pending ones never start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExecutionView</name>
    <message>
        <source>All statuses</source>
        <extracomment>the view applied a batch of events (how many), or loaded its snapshot (0)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hosts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps and output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostDialog</name>
    <message>
        <source>Add host</source>
        <extracomment>the server saved the host (its new state)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit host {name}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as configured on the node</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(none)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run procedures on this host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variables</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not allowed: {reason}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HostsModel</name>
    <message>
        <source>Name</source>
        <extracomment>the columns the server can sort by (``GET /hosts?sort=``) a page could not be loaded (the sentence to show) a page arrived (rows loaded so far, the server&apos;s total)</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Credential</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Host</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duration</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Log in again</source>
        <translation>Entrar novamente</translation>
    </message>
    <message>
        <source>Log in to NOC Orchestrator</source>
        <translation>Entrar no NOC Orchestrator</translation>
    </message>
    <message>
        <source>Your session has ended. Enter your password to carry on where you were.</source>
        <translation>Sua sessão terminou. Digite sua senha para continuar de onde parou.</translation>
    </message>
    <message>
        <source>Connect to a NOC Orchestrator server.</source>
        <translation>Conecte-se a um servidor do NOC Orchestrator.</translation>
    </message>
    <message>
        <source>e.g. http://noc.example.com:8700</source>
        <translation>ex.: http://noc.exemplo.com.br:8700</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Nome de usuário</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Senha</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Servidor:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Usuário:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Senha:</translation>
    </message>
    <message>
        <source>No system keyring is available: you will be asked to log in again next time.</source>
        <translation>Nenhum chaveiro do sistema disponível: será preciso entrar novamente na próxima vez.</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Entrar</translation>
    </message>
    <message>
        <source>This is not a server address. Use http://host:port or https://host:port.</source>
        <translation>Isto não é um endereço de servidor. Use http://host:porta ou https://host:porta.</translation>
    </message>
    <message>
        <source>Enter your user name and password.</source>
        <translation>Digite seu nome de usuário e senha.</translation>
    </message>
    <message>
        <source>Login cancelled.</source>
        <translation>Login cancelado.</translation>
    </message>
</context>
<context>
    <name>LoginMessages</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Nome de usuário ou senha incorretos.</translation>
    </message>
    <message>
        <source>Too many failed attempts. Wait a few minutes and try again.</source>
        <translation>Tentativas com falha demais. Aguarde alguns minutos e tente novamente.</translation>
    </message>
    <message>
        <source>Cannot reach a server at {url}. Check the address and that the server is running.</source>
        <translation>Não foi possível contactar um servidor em {url}. Verifique o endereço e se o servidor está em execução.</translation>
    </message>
    <message>
        <source>The server at {url} did not answer in time. Try again in a moment.</source>
        <translation>O servidor em {url} não respondeu a tempo. Tente novamente em instantes.</translation>
    </message>
    <message>
        <source>The server at {url} does not answer like a NOC Orchestrator server. Check the address.</source>
        <translation>O servidor em {url} não responde como um servidor do NOC Orchestrator. Verifique o endereço.</translation>
    </message>
    <message>
        <source>This account may not log in (it may be disabled).</source>
        <translation>Esta conta não pode entrar (talvez esteja desativada).</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>NOC Orchestrator</source>
        <translation>NOC Orchestrator</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>Inventário</translation>
    </message>
    <message>
        <source>Procedures</source>
        <translation>Procedimentos</translation>
    </message>
    <message>
        <source>Schedules</source>
        <translation>Agendamentos</translation>
    </message>
    <message>
        <source>Executions</source>
        <translation>Execuções</translation>
    </message>
    <message>
        <source>administrator</source>
        <translation>administrador</translation>
    </message>
    <message>
        <source>operator</source>
        <translation>operador</translation>
    </message>
    <message>
        <source>viewer</source>
        <translation>leitor</translation>
    </message>
    <message>
        <source>Server: {url}</source>
        <translation>Servidor: {url}</translation>
    </message>
    <message>
        <source>User: {name} ({role})</source>
        <translation>Usuário: {name} ({role})</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Arquivo</translation>
    </message>
    <message>
        <source>Log &amp;out</source>
        <translation>&amp;Sair da conta</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Fechar</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Exibir</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Idioma</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>Aj&amp;uda</translation>
    </message>
    <message>
        <source>&amp;About NOC Orchestrator</source>
        <translation>&amp;Sobre o NOC Orchestrator</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The new language is used the next time NOC Orchestrator starts.</source>
        <translation>O novo idioma será usado na próxima vez que o NOC Orchestrator for iniciado.</translation>
    </message>
    <message>
        <source>About NOC Orchestrator</source>
        <translation>Sobre o NOC Orchestrator</translation>
    </message>
    <message>
        <source>NOC Orchestrator desktop {version}

Draw procedures, keep the inventory, run and schedule procedures and watch them live.</source>
        <translation>NOC Orchestrator desktop {version}

Desenhe procedimentos, mantenha o inventário, execute e agende procedimentos e acompanhe-os ao vivo.</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <source>This screen is not available in this version yet.</source>
        <translation>Esta tela ainda não está disponível nesta versão.</translation>
    </message>
</context>
<context>
    <name>StepPanel</name>
    <message>
        <source>Output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Facts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{step} — {status}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>visit {n}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>attempt {n}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimelineWidget</name>
    <message>
        <source>No step has started on this host yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VarsEditor</name>
    <message>
        <source>Variable</source>
        <extracomment>the user changed a name or a value, or added or removed a row</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add variable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <source>The flowchart is not available in this build.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
