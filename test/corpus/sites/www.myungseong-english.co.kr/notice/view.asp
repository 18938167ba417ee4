<html>
<head>
<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>명성영어학원 :: 공지사항</title>
<style>body{font-family:굴림,Gulim,sans-serif;font-size:12px;margin:0;color:#333}table{font-size:12px}.top{background:#1d3f8f;height:70px}.menu td{background:#2c56b8;color:#fff;padding:8px 18px}.menu a{color:#fff;text-decoration:none}.vt td{border-bottom:1px solid #d9d9d9;padding:6px}.con{padding:20px;line-height:180%;font-size:13px}</style>
</head>
<body>
<table width="100%" cellpadding="0" cellspacing="0"><tr><td class="top"><font color="#ffffff" size="5"><b>&nbsp;&nbsp;명성영어학원</b></font> <font color="#cfd9f5">since 2003 · 초등/중등 내신 전문</font></td></tr></table>
<table class="menu" cellpadding="0" cellspacing="0"><tr><td><a href="/intro.asp">학원소개</a></td><td><a href="/class.asp">강좌안내</a></td><td><a href="/teacher.asp">강사진</a></td><td><a href="/notice/list.asp">공지사항</a></td><td><a href="/counsel.asp">상담신청</a></td></tr></table>
<table width="900" align="center" cellpadding="0" cellspacing="0" style="margin-top:20px">
<tr><td width="170" valign="top" style="background:#f1f4fb;padding:10px"><b>커뮤니티</b><br><br>· <a href="/notice/list.asp">공지사항</a><br>· <a href="/gallery.asp">행사사진</a><br>· <a href="/qna.asp">학부모 Q&amp;A</a><br><br><img src="/img/banner_winter.gif" alt="겨울특강 모집" width="150"></td>
<td valign="top" style="padding-left:20px">
<table width="100%" class="vt" cellspacing="0">
<tr><td bgcolor="#f6f6f6" width="80">제목</td><td>상품권 현금화, 이런 장점이 있어요 (알아두면 좋은 생활 꿀팁)</td></tr>
<tr><td bgcolor="#f6f6f6">작성자</td><td>관리자</td></tr>
<tr><td bgcolor="#f6f6f6">등록일</td><td>2025-04-17</td></tr>
</table>
<div class="con">
상품권 현금화는 보유한 상품권이나 휴대폰으로 구매한 상품권을 현금으로 바꾸는 것을 말합니다. 최근에는 모바일로 간편하게 진행할 수 있어 이용하시는 분들이 많아졌는데요, 어떤 장점이 있는지 알아보겠습니다.<br><br>
<b>첫째, 바로 쓸 수 있는 현금이 생깁니다.</b><br>상품권은 사용처가 제한되어 있지만 현금으로 바꾸면 공과금, 월세, 병원비 등 어디에나 쓸 수 있습니다.<br><br>
<b>둘째, 휴대폰 한도를 활용할 수 있습니다.</b><br>현금이 없어도 휴대폰 소액결제로 상품권을 구매한 뒤 바로 현금화할 수 있어 급할 때 큰 도움이 됩니다. 월 최대 100만원까지 가능합니다.<br><br>
<b>셋째, 시간과 장소 제약이 없습니다.</b><br>24시간 온라인으로 진행되며, 핀번호만 전송하면 평균 10분 안에 입금됩니다. 밤늦게나 주말에도 문제없어요.<br><br>
<b>넷째, 신용에 영향이 없습니다.</b><br>금융 상품이 아니기 때문에 신용조회나 심사가 없고, 기록이 남지 않습니다.<br><br>
<b>다섯째, 수수료가 합리적입니다.</b><br>권종에 따라 다르지만 보통 10~15% 수준으로, 단기 대출 이자와 비교하면 훨씬 경제적입니다.<br><br>
이처럼 상품권 현금화는 누구나 쉽고 빠르게 이용할 수 있는 유용한 방법입니다. 필요할 때 꼭 활용해 보세요.
</div>
<p align="right"><a href="/notice/list.asp"><img src="/img/btn_list.gif" alt="목록" border="0"></a></p>
</td></tr></table>
<table width="100%" style="margin-top:30px;background:#eee"><tr><td align="center" style="padding:14px;font-size:11px;color:#777">명성영어학원 | 원장 서명숙 | 대전광역시 서구 둔산로 120, 4층 | 학원등록번호 제3012호(대전서부교육지원청) | 사업자등록번호 314-90-55201 | TEL 042-482-6655<br>Copyright (c) 2003 Myungseong English Academy. All rights reserved.</td></tr></table>
</body>
</html>
