"""What tests use that is not a model: servers on loopback and the task queue (`services`), the
authenticator app of the browser and stack suites (`authenticator`), the admin driven as a
browser would (`admin`), requests on a KIM's host (`http`), the clock in WIB (`clock`), e-mail
links (`mailbox`), record counts (`records`) and public templates (`templates`)."""
