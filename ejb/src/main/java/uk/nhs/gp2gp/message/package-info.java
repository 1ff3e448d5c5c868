/**
 * The GP2GP messages as typed records: parse (streaming StAX, XXE-safe, bounded), build with the
 * structure of the NHS adaptors' messages, validate with precise errors, inspect. The only package
 * that knows the wire formats: the workflow ({@code transfer.ConversationCodec}) and the inspector
 * read and build through it alike. Plain Java: no EE component types, so the workflow, the web
 * tier, tools and benchmarks can all use it.
 *
 * <p>Entry points: {@link uk.nhs.gp2gp.message.MessageParser} (any form: raw XML, MHS JSON envelope,
 * multipart/related ebXML), {@link uk.nhs.gp2gp.message.MultipartEbxmlReader} (the wire format, part by
 * part, attachments streamed), {@link uk.nhs.gp2gp.message.MessageFactory} with
 * {@link uk.nhs.gp2gp.message.Hl7Writer} and {@link uk.nhs.gp2gp.message.EbxmlWriter} (building),
 * {@link uk.nhs.gp2gp.message.MessageValidator} and {@link uk.nhs.gp2gp.message.MessageInspector}.
 */
package uk.nhs.gp2gp.message;
